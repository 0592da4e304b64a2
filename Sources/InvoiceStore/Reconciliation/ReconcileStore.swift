import Foundation
import InvoiceDomain

/// How far reconciliation has read a provider's event stream.
public struct ReconcileCursor: Sendable, Equatable, Codable {
    public var source: String
    /// `created` (unix seconds) of the newest fully processed event.
    public var lastCreated: Int64
    public var lastEventId: String?
    public var updatedAt: Date

    public init(source: String, lastCreated: Int64, lastEventId: String?, updatedAt: Date) {
        self.source = source
        self.lastCreated = lastCreated
        self.lastEventId = lastEventId
        self.updatedAt = updatedAt
    }
}

/// One field where our invoice disagreed with the provider's object.
public struct DriftRecord: Sendable, Equatable, Codable {
    public var id: Int64?
    public var invoiceId: String
    public var field: String
    public var ours: String?
    public var theirs: String?
    public var detectedAt: Date
    /// `false` in a dry run: reported, not corrected.
    public var fixed: Bool

    public init(id: Int64? = nil, invoiceId: String, field: String, ours: String?, theirs: String?, detectedAt: Date, fixed: Bool) {
        self.id = id
        self.invoiceId = invoiceId
        self.field = field
        self.ours = ours
        self.theirs = theirs
        self.detectedAt = detectedAt
        self.fixed = fixed
    }
}

/// Storage for polling reconciliation.
public protocol ReconcileStore: Sendable {
    func cursor(source: String) async throws -> ReconcileCursor?

    /// Ingests a page of fetched events (same idempotent path as webhooks) and, in the SAME transaction,
    /// moves the cursor; a crash never leaves the cursor ahead of what was applied.
    func ingestPage(_ events: [IncomingEvent], advancing cursor: ReconcileCursor?) async throws -> [IngestResult]

    func saveCursor(_ cursor: ReconcileCursor) async throws

    /// Compares our invoice with the provider's current object and, unless `dryRun`, makes ours match,
    /// recording every differing field. An invoice we do not have is created.
    /// - Returns: the drift found (empty when we already agree).
    func correctInvoice(source: String, snapshot: InvoiceSnapshot, observedAt: Date, dryRun: Bool) async throws -> [DriftRecord]

    /// Newest first.
    func drifts(invoiceId: String?, limit: Int) async throws -> [DriftRecord]

    /// When the newest webhook-origin event of `source` was received (webhook health).
    func lastWebhookReceivedAt(source: String) async throws -> Date?
}
