import InvoiceStore
import Synchronization

/// Group commit: events submitted while a write is in flight are written together in the next
/// transaction, and each caller resumes only after the transaction holding its event committed.
///
/// Durability is unchanged (every acknowledged event is committed); throughput rises because
/// one fsync covers many events. Submitting takes a lock, not an actor hop: the only suspension per
/// event is the wait for its commit. One drain task at a time writes batches until the queue is empty.
public final class IngestBatcher: Sendable {
    private typealias Waiter = (event: IncomingEvent, continuation: UnsafeContinuation<IngestResult, any Error>)

    private struct State {
        var queue: [Waiter] = []
        var draining = false
    }

    private let store: any EventStore
    private let maxBatchSize: Int
    private let state = Mutex(State())

    public init(store: any EventStore, maxBatchSize: Int = 64) {
        self.store = store
        self.maxBatchSize = max(1, maxBatchSize)
    }

    /// Stores and applies `event`; returns once it is durably committed.
    /// - Throws: the store's error for this event, or for the whole batch's transaction.
    public func submit(_ event: IncomingEvent) async throws -> IngestResult {
        try await withUnsafeThrowingContinuation { continuation in
            let startDrain = state.withLock { state in
                state.queue.append((event, continuation))
                defer { state.draining = true }
                return !state.draining
            }
            if startDrain { Task { await self.drain() } }
        }
    }

    /// Writes batches until none is waiting; every continuation taken is resumed exactly once.
    private func drain() async {
        while let batch = nextBatch() {
            do {
                let results = try await store.ingest(batch.map(\.event))
                for (waiter, result) in zip(batch, results) { waiter.continuation.resume(with: result) }
                for waiter in batch.dropFirst(results.count) {
                    waiter.continuation.resume(throwing: StoreError.invalid("the store returned no result for this event"))
                }
            } catch {
                for waiter in batch { waiter.continuation.resume(throwing: error) }
            }
        }
    }

    /// Takes up to `maxBatchSize` waiters, or ends the drain when the queue is empty.
    private func nextBatch() -> [Waiter]? {
        state.withLock { state in
            guard !state.queue.isEmpty else {
                state.draining = false
                return nil
            }
            let count = min(maxBatchSize, state.queue.count)
            let batch = Array(state.queue.prefix(count))
            state.queue.removeFirst(count)
            return batch
        }
    }
}
