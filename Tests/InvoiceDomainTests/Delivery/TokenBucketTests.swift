import Foundation
import InvoiceDomain
import Testing

@Suite("TokenBucket")
struct TokenBucketTests {
    static let t = Fixtures.t0

    @Test("a full bucket serves a burst at once, then one token per 1/rate", arguments: [(1.0, 3.0), (2.0, 1.0), (10.0, 5.0), (0.5, 2.0)])
    func burstThenRate(_ rate: Double, _ burst: Double) {
        var bucket = TokenBucket(ratePerSecond: rate, burst: burst)
        let waits = (0..<Int(burst) + 5).map { _ in bucket.reserve(now: Self.t) }
        let expected = (0..<Int(burst) + 5).map { max(0, Double($0 + 1) - burst) / rate }
        #expect(zip(waits, expected).allSatisfy { abs($0 - $1) < 1e-9 }, "\(waits) vs \(expected)")
    }

    @Test("tokens refill with time up to burst, never beyond")
    func refill() {
        var bucket = TokenBucket(ratePerSecond: 1, burst: 3)
        for _ in 0..<3 { _ = bucket.reserve(now: Self.t) }
        let partial = bucket.reserve(now: Self.t + 0.25)
        #expect(abs(partial - 0.75) < 1e-9)
        #expect(abs(bucket.available(now: Self.t + 0.25) - -0.75) < 1e-9, "one reservation queued, a quarter token refilled")
        // Long idle: back to exactly `burst`, not an hour's worth.
        #expect(bucket.available(now: Self.t + 3600) == 3)
        let waits = (0..<4).map { _ in bucket.reserve(now: Self.t + 3600) }
        #expect(waits == [0, 0, 0, 1])
    }

    @Test("sustained rate: callers reserving in turn are spaced exactly 1/rate apart")
    func fairQueue() {
        var bucket = TokenBucket(ratePerSecond: 5, burst: 1)
        let sendTimes = (0..<20).map { index in
            let now = Self.t + Double(index) * 0.01
            return now + bucket.reserve(now: now)
        }
        #expect(sendTimes.first == Self.t)
        for (earlier, later) in zip(sendTimes, sendTimes.dropFirst()) {
            #expect(abs(later.timeIntervalSince(earlier) - 0.2) < 1e-6)
        }
    }

    @Test("callers waiting as told never exceed rate × time + burst")
    func neverExceedsRate() {
        var bucket = TokenBucket(ratePerSecond: 4, burst: 2)
        var rng = SeededGenerator(seed: 3)
        var now = Self.t
        var sent: [Date] = []
        for _ in 0..<200 {
            now += Double.random(in: 0...0.3, using: &rng)
            sent.append(now + bucket.reserve(now: now))
        }
        let sorted = sent.sorted()
        let busiest = sorted.indices.map { index in sorted[index...].prefix { $0.timeIntervalSince(sorted[index]) < 1 }.count }.max() ?? 0
        #expect(busiest <= 4 + 2)
        #expect(busiest >= 4, "the bucket should actually be saturated in this run")
    }

    @Test("a clock stepping back does not refill")
    func clockStepsBack() {
        var bucket = TokenBucket(ratePerSecond: 1, burst: 1)
        let waits = [bucket.reserve(now: Self.t + 10), bucket.reserve(now: Self.t), bucket.reserve(now: Self.t + 10)]
        #expect(waits == [0, 1, 2])
    }

    @Test("invalid settings stay usable")
    func invalid() {
        var zeroBurst = TokenBucket(ratePerSecond: 1, burst: 0)
        #expect(zeroBurst.burst == 1)
        let first = zeroBurst.reserve(now: Self.t)
        #expect(first == 0)
        var noRate = TokenBucket(ratePerSecond: 0, burst: 1)
        let waits = [noRate.reserve(now: Self.t), noRate.reserve(now: Self.t)]
        #expect(waits[0] == 0)
        #expect(waits[1].isFinite && waits[1] > 3600)
    }
}
