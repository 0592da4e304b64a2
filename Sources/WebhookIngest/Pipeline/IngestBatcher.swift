import InvoiceStore

/// Group commit of webhook events (see ``GroupCommit``): concurrent deliveries share one transaction and one
/// fsync, and each is acknowledged only after the transaction holding it committed.
public struct IngestBatcher: Sendable {
    private let commits: GroupCommit<IncomingEvent, IngestResult>

    public init(store: any EventStore, maxBatchSize: Int = 64) {
        commits = GroupCommit(maxBatchSize: maxBatchSize) { events in try await store.ingest(events) }
    }

    /// Stores and applies `event`; returns once it is durably committed.
    /// - Throws: the store's error for this event, or for the whole batch's transaction.
    public func submit(_ event: IncomingEvent) async throws -> IngestResult {
        try await commits.submit(event)
    }
}
