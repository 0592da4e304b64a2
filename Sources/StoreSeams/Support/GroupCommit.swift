import Synchronization

/// Group commit for any store write: items submitted while a write is in flight are written together by the
/// next one, and each caller resumes only once the write holding its item has returned (committed).
///
/// Durability is unchanged, since every acknowledged item is committed, and one transaction (one fsync, one
/// trip to the writer) covers many items. Submitting takes a lock, not an actor hop: the only suspension per
/// item is the wait for its write. One drain task at a time writes batches until the queue is empty.
package final class GroupCommit<Input: Sendable, Output: Sendable>: Sendable {
    /// Writes a batch; returns one outcome per input, in order, or throws when nothing of the batch was written.
    package typealias Write = @Sendable ([Input]) async throws -> [Result<Output, any Error>]

    private struct Waiter {
        var input: Input
        var continuation: UnsafeContinuation<Output, any Error>
    }

    private struct State {
        var queue: [Waiter] = []
        var draining = false
    }

    private let write: Write
    private let maxBatchSize: Int
    private let maxDelay: Duration
    private let state = Mutex(State())

    /// - Parameters:
    ///   - maxBatchSize: the most items one write takes.
    ///   - maxDelay: how long the first item of an idle queue waits for company before its write starts
    ///     (zero: at once; later items wait only for the write in flight).
    package init(maxBatchSize: Int, maxDelay: Duration = .zero, write: @escaping Write) {
        self.write = write
        self.maxBatchSize = max(1, maxBatchSize)
        self.maxDelay = max(maxDelay, .zero)
    }

    /// Writes `input` with whatever else is waiting; returns once that write returned.
    /// - Throws: the write's error for this item, or for the whole batch.
    package func submit(_ input: Input) async throws -> Output {
        try await withUnsafeThrowingContinuation { continuation in
            let startDrain = state.withLock { state in
                state.queue.append(Waiter(input: input, continuation: continuation))
                defer { state.draining = true }
                return !state.draining
            }
            if startDrain { Task { await self.drain() } }
        }
    }

    /// Writes batches until none is waiting; every continuation taken is resumed exactly once.
    private func drain() async {
        if maxDelay > .zero, state.withLock({ $0.queue.count < maxBatchSize }) {
            try? await Task.sleep(for: maxDelay)
        }
        while let batch = nextBatch() {
            do {
                let results = try await write(batch.map { $0.input })
                for (waiter, result) in zip(batch, results) { waiter.continuation.resume(with: result) }
                for waiter in batch.dropFirst(results.count) {
                    waiter.continuation.resume(throwing: StoreError.invalid("the store returned no result for this item"))
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
