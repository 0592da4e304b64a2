package import Foundation
package import InvoiceDomain

/// Storage for polling reconciliation (`Reconciler`, `ReconciliationService`): the cursor over the provider's
/// event stream, pages of fetched events, and corrections of invoices that drifted.
package protocol ReconcileStore: Sendable {
    /// Where reconciliation of `source` stopped, or `nil` before its first committed page.
    func cursor(source: String) async throws -> ReconcileCursor?

    /// Ingests a page of fetched events (same idempotent path as webhooks) and, in the SAME transaction,
    /// moves the cursor; a crash never leaves the cursor ahead of what was applied.
    func ingestPage(_ events: [IncomingEvent], advancing cursor: ReconcileCursor?) async throws -> [IngestResult]

    /// Moves the cursor without ingesting anything (e.g. after a sweep).
    func saveCursor(_ cursor: ReconcileCursor) async throws

    /// Compares our invoice with the provider's current object and, unless `dryRun`, makes ours match,
    /// recording every differing field. An invoice we do not have is created.
    /// - Returns: the drift found (empty when we already agree).
    func correctInvoice(source: String, snapshot: InvoiceSnapshot, observedAt: Date, dryRun: Bool) async throws -> [DriftRecord]

    /// When the newest webhook-origin event of `source` was received (webhook health).
    func lastWebhookReceivedAt(source: String) async throws -> Date?
}
