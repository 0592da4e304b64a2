import Foundation
import InvoiceDomain

/// Filters for listing stored events (admin API, CLI).
public struct EventFilter: Sendable, Equatable {
    public var source: String?
    public var type: String?
    public var status: EventStatus?
    public var origin: EventOrigin?
    public var invoiceId: String?
    /// Only events seen again at least once.
    public var duplicatesOnly: Bool

    public init(source: String? = nil, type: String? = nil, status: EventStatus? = nil, origin: EventOrigin? = nil, invoiceId: String? = nil, duplicatesOnly: Bool = false) {
        self.source = source
        self.type = type
        self.status = status
        self.origin = origin
        self.invoiceId = invoiceId
        self.duplicatesOnly = duplicatesOnly
    }
}

/// Durable, idempotent event intake.
public protocol EventStore: Sendable {
    /// Stores each event and applies it to its invoice, all in ONE transaction (group commit), exactly once per
    /// `(source, eventId)`. When this returns, every success is durable; a duplicate changes nothing but a counter.
    /// Each event is isolated in a savepoint: one that fails is rolled back alone and the others still commit.
    /// - Returns: one outcome per event, in order.
    /// - Throws: when the transaction itself fails (nothing of the batch is stored).
    func ingest(_ events: [IncomingEvent]) async throws -> [Result<IngestResult, any Error>]

    func event(id: Int64) async throws -> StoredEvent?

    /// Newest first; `before` is the id cursor of the last row of the previous page.
    func events(matching filter: EventFilter, limit: Int, before: Int64?) async throws -> [StoredEvent]

    /// Applies a quarantined event again with freshly decoded content (e.g. after a config fix).
    /// - Returns: the event's new status, or `nil` when no such event exists.
    /// - Throws: ``StoreError/conflict(_:)`` when the event is not quarantined.
    func reprocess(id: Int64, content: EventContent, at now: Date) async throws -> EventStatus?
}

/// Errors the stores raise for caller mistakes (as opposed to database failures).
public enum StoreError: Error, Sendable, Equatable {
    case notFound(String)
    case conflict(String)
    case invalid(String)
}
