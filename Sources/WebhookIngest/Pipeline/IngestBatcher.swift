import InvoiceStore

/// Group commit: events submitted while a write is in flight are written together in the next
/// transaction, and each caller resumes only after the transaction holding its event committed.
///
/// Durability is unchanged (every acknowledged event is committed); throughput rises because
/// one fsync covers many events.
public actor IngestBatcher {
    private let store: any EventStore
    private let maxBatchSize: Int
    private var queue: [(event: IncomingEvent, continuation: CheckedContinuation<IngestResult, any Error>)] = []
    private var draining = false

    public init(store: any EventStore, maxBatchSize: Int = 64) {
        self.store = store
        self.maxBatchSize = max(1, maxBatchSize)
    }

    /// Stores and applies `event`; returns once it is durably committed.
    public func submit(_ event: IncomingEvent) async throws -> IngestResult {
        try await withCheckedThrowingContinuation { continuation in
            queue.append((event, continuation))
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !queue.isEmpty {
            let batch = Array(queue.prefix(maxBatchSize))
            queue.removeFirst(batch.count)
            do {
                let results = try await store.ingest(batch.map(\.event))
                for (item, result) in zip(batch, results) { item.continuation.resume(with: result) }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
        draining = false
    }
}
