import Foundation
import StoreSeams
import Synchronization
import Testing

@Suite struct GroupCommitTests {
    private struct Failure: Error, Equatable { var item: Int }

    /// Records every batch the write saw.
    private final class Writes: Sendable {
        let batches = Mutex<[[Int]]>([])
        var all: [[Int]] { batches.withLock { $0 } }
    }

    @Test func concurrentItemsShareWritesAndEachGetsItsOwnResult() async throws {
        let writes = Writes()
        let commits = GroupCommit<Int, Int>(maxBatchSize: 8) { items in
            writes.batches.withLock { $0.append(items) }
            try await Task.sleep(for: .milliseconds(5))
            return items.map { $0 % 7 == 0 ? .failure(Failure(item: $0)) : .success($0 * 10) }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for item in 1...60 {
                group.addTask {
                    if item % 7 == 0 {
                        await #expect(throws: Failure(item: item)) { try await commits.submit(item) }
                    } else {
                        let result = try await commits.submit(item)
                        #expect(result == item * 10)
                    }
                }
            }
            try await group.waitForAll()
        }
        let batches = writes.all
        #expect(batches.flatMap { $0 }.sorted() == Array(1...60), "every item written exactly once")
        #expect(batches.allSatisfy { $0.count <= 8 })
        #expect(batches.count < 60, "items submitted during a write were grouped: \(batches.map(\.count))")
    }

    @Test func aFailedWriteFailsEveryItemOfItsBatchAndTheNextBatchStillRuns() async throws {
        let calls = Mutex(0)
        let commits = GroupCommit<Int, Int>(maxBatchSize: 100) { items in
            let call = calls.withLock { count in
                count += 1
                return count
            }
            if call == 1 { throw Failure(item: -1) }
            return items.map { .success($0) }
        }
        await #expect(throws: Failure(item: -1)) { try await commits.submit(1) }
        #expect(try await commits.submit(2) == 2)
    }

    @Test func theFirstItemWaitsForCompanyWhenADelayIsSet() async throws {
        let writes = Writes()
        let commits = GroupCommit<Int, Int>(maxBatchSize: 100, maxDelay: .milliseconds(300)) { items in
            writes.batches.withLock { $0.append(items) }
            return items.map { .success($0) }
        }
        let clock = ContinuousClock()
        let started = clock.now
        async let first = commits.submit(1)
        try await Task.sleep(for: .milliseconds(20))
        async let second = commits.submit(2)
        #expect(try await first == 1)
        #expect(try await second == 2)
        #expect(started.duration(to: clock.now) >= .milliseconds(280))
        #expect(writes.all == [[1, 2]], "the second item joined the first one's write")
    }
}
