import Foundation
import InvoiceDomain
import Testing

@Suite("BackoffPolicy")
struct BackoffPolicyTests {
    @Test("ceiling doubles from base and stops at cap", arguments: [
        (0, 1.0), (-5, 1.0), (1, 1.0), (2, 2.0), (3, 4.0), (6, 32.0), (7, 60.0), (8, 60.0), (100, 60.0), (Int.max, 60.0),
    ])
    func ceiling(_ attempt: Int, _ expected: Double) {
        let policy = BackoffPolicy(base: 1, cap: 60, maxAttempts: 10)
        #expect(policy.ceiling(afterAttempt: attempt) == expected)
    }

    @Test("full jitter stays within [0, ceiling] and spreads over it", arguments: 1...12)
    func bounds(_ attempt: Int) {
        let policy = BackoffPolicy(base: 2, cap: 300, maxAttempts: 12)
        let ceiling = policy.ceiling(afterAttempt: attempt)
        var rng = SeededGenerator(seed: UInt64(attempt))
        let samples = (0..<2000).map { _ in policy.delay(afterAttempt: attempt, using: &rng) }
        #expect(samples.allSatisfy { $0 >= 0 && $0 <= ceiling })
        #expect(samples.allSatisfy { $0 <= 300 })
        let mean = samples.reduce(0, +) / Double(samples.count)
        #expect(abs(mean - ceiling / 2) < ceiling * 0.05, "mean \(mean) for ceiling \(ceiling)")
        #expect(samples.contains { $0 < ceiling * 0.1 })
        #expect(samples.contains { $0 > ceiling * 0.9 })
    }

    @Test("delays grow with the attempt until the cap")
    func growth() {
        let policy = BackoffPolicy(base: 1, cap: 64, maxAttempts: 10)
        var rng = SeededGenerator(seed: 42)
        let means = (1...9).map { attempt in
            (0..<1000).map { _ in policy.delay(afterAttempt: attempt, using: &rng) }.reduce(0, +) / 1000
        }
        for index in 1..<7 {
            #expect(means[index] > means[index - 1] * 1.6, "attempt \(index + 1): \(means)")
        }
        #expect(abs(means[7] - means[8]) < 4)
    }

    @Test("the same seed replays the same delays; another seed does not")
    func deterministic() {
        let policy = BackoffPolicy.standard
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        var c = SeededGenerator(seed: 8)
        let first = (1...8).map { policy.delay(afterAttempt: $0, using: &a) }
        let second = (1...8).map { policy.delay(afterAttempt: $0, using: &b) }
        let other = (1...8).map { policy.delay(afterAttempt: $0, using: &c) }
        #expect(first == second)
        #expect(first != other)
    }

    @Test("degenerate settings give zero or finite delays, never a trap")
    func degenerate() {
        var rng = SeededGenerator(seed: 1)
        #expect(BackoffPolicy(base: 0, cap: 60, maxAttempts: 3).delay(afterAttempt: 5, using: &rng) == 0)
        #expect(BackoffPolicy(base: -3, cap: 60, maxAttempts: 3).delay(afterAttempt: 5, using: &rng) == 0)
        #expect(BackoffPolicy(base: 5, cap: -1, maxAttempts: 3).delay(afterAttempt: 5, using: &rng) == 0)
        #expect(BackoffPolicy(base: .nan, cap: 60, maxAttempts: 3).delay(afterAttempt: 2, using: &rng) == 0)
        let unbounded = BackoffPolicy(base: 1, cap: .infinity, maxAttempts: 3)
        #expect(unbounded.ceiling(afterAttempt: 5000).isFinite)
        #expect(unbounded.delay(afterAttempt: 5000, using: &rng).isFinite)
    }

    @Test("retries are allowed until maxAttempts attempts were made")
    func attempts() {
        let policy = BackoffPolicy(base: 1, cap: 10, maxAttempts: 3)
        #expect(policy.allowsRetry(afterAttempt: 1))
        #expect(policy.allowsRetry(afterAttempt: 2))
        #expect(!policy.allowsRetry(afterAttempt: 3))
        #expect(!BackoffPolicy(base: 1, cap: 10, maxAttempts: 1).allowsRetry(afterAttempt: 1))
    }

    @Test("Codable round trip")
    func codable() throws {
        let policy = BackoffPolicy(base: 1.5, cap: 900, maxAttempts: 6)
        let decoded = try JSONDecoder().decode(BackoffPolicy.self, from: JSONEncoder().encode(policy))
        #expect(decoded == policy)
    }
}
