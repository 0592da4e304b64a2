import InvoiceDomain
import Testing

@Suite("JitterSource")
struct JitterSourceTests {
    @Test("a seeded source replays the policy's delays drawn from SeededGenerator, one sequence across calls")
    func seededReplays() {
        let policy = BackoffPolicy(base: 10, cap: 100, maxAttempts: 8)
        let source = JitterSource(seed: 42)
        var reference = SeededGenerator(seed: 42)
        for attempt in 1...6 {
            #expect(source.delay(policy, afterAttempt: attempt) == policy.delay(afterAttempt: attempt, using: &reference))
        }
    }

    @Test("the system source stays within the policy's ceiling")
    func systemWithinCeiling() {
        let policy = BackoffPolicy(base: 1, cap: 8, maxAttempts: 8)
        let source = JitterSource(seed: nil)
        for attempt in 1...10 {
            let delay = source.delay(policy, afterAttempt: attempt)
            #expect(delay >= 0 && delay <= policy.ceiling(afterAttempt: attempt))
        }
    }
}
