package import StoreSeams

/// Group commit of webhook events (see ``GroupCommit``): concurrent deliveries share one transaction and one
/// fsync, and each is acknowledged only after the transaction holding it committed.
package struct IngestBatcher: Sendable {
    private let commits: GroupCommit<IncomingEvent, IngestResult>

    /// - Parameters:
    ///   - maxBatchSize: the most events one transaction takes.
    ///   - maxDelay: how long the first event after a quiet spell waits for company (zero: commit at once).
    package init(store: any IngestStore, maxBatchSize: Int = 256, maxDelay: Duration = .zero) {
        commits = GroupCommit(maxBatchSize: maxBatchSize, maxDelay: maxDelay) { events in try await store.ingest(events) }
    }

    /// Stores and applies `event`; returns once it is durably committed.
    /// - Throws: the store's error for this event, or for the whole batch's transaction.
    package func submit(_ event: IncomingEvent) async throws -> IngestResult {
        try await commits.submit(event)
    }
}
