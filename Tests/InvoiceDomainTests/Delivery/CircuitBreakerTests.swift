import Foundation
import InvoiceDomain
import Testing

@Suite("CircuitBreaker")
struct CircuitBreakerTests {
    static let t = Fixtures.t0

    static func breaker(threshold: Int = 3, open: TimeInterval = 30, probes: Int = 1) -> CircuitBreaker {
        CircuitBreaker(configuration: .init(failureThreshold: threshold, openDuration: open, halfOpenProbes: probes))
    }

    @Test("opens after the threshold of consecutive failures, not before", arguments: [1, 2, 3, 5])
    func threshold(_ threshold: Int) {
        var breaker = Self.breaker(threshold: threshold)
        for failure in 1..<threshold {
            let now = Self.t + Double(failure)
            breaker.recordFailure(now: now)
            #expect(breaker.state(now: now) == .closed)
            let allowed = breaker.allowRequest(now: now)
            #expect(allowed)
        }
        breaker.recordFailure(now: Self.t + 10)
        #expect(breaker.state(now: Self.t + 10) == .open)
        #expect(breaker.openedAt == Self.t + 10)
        let allowed = breaker.allowRequest(now: Self.t + 10)
        #expect(!allowed)
    }

    @Test("a success resets the consecutive failure count")
    func successResets() {
        var breaker = Self.breaker(threshold: 3)
        breaker.recordFailure(now: Self.t)
        breaker.recordFailure(now: Self.t)
        #expect(breaker.consecutiveFailures == 2)
        breaker.recordSuccess(now: Self.t)
        #expect(breaker.consecutiveFailures == 0)
        breaker.recordFailure(now: Self.t)
        breaker.recordFailure(now: Self.t)
        #expect(breaker.state(now: Self.t) == .closed)
        breaker.recordFailure(now: Self.t)
        #expect(breaker.state(now: Self.t) == .open)
    }

    @Test("full cycle: open -> half-open after the open duration -> probe succeeds -> closed")
    func recovers() {
        var breaker = Self.breaker(threshold: 2, open: 30)
        breaker.recordFailure(now: Self.t)
        breaker.recordFailure(now: Self.t)
        #expect(breaker.state(now: Self.t + 29.9) == .open)
        #expect(breaker.state(now: Self.t + 30) == .halfOpen)
        let early = breaker.allowRequest(now: Self.t + 29.9)
        let probe = breaker.allowRequest(now: Self.t + 30)
        let second = breaker.allowRequest(now: Self.t + 31)
        #expect([early, probe, second] == [false, true, false], "one probe in flight at a time")
        #expect(breaker.openedAt == nil)
        breaker.recordSuccess(now: Self.t + 32)
        #expect(breaker.state(now: Self.t + 32) == .closed)
        let afterClose = [breaker.allowRequest(now: Self.t + 32), breaker.allowRequest(now: Self.t + 32)]
        #expect(afterClose == [true, true])
    }

    @Test("a failed probe opens the circuit again for a full open duration")
    func probeFails() {
        var breaker = Self.breaker(threshold: 1, open: 30)
        breaker.recordFailure(now: Self.t)
        let probe = breaker.allowRequest(now: Self.t + 40)
        #expect(probe)
        breaker.recordFailure(now: Self.t + 41)
        #expect(breaker.state(now: Self.t + 41) == .open)
        #expect(breaker.openedAt == Self.t + 41)
        let answers = [breaker.allowRequest(now: Self.t + 70), breaker.allowRequest(now: Self.t + 71)]
        #expect(answers == [false, true])
    }

    @Test("half-open needs halfOpenProbes successes and allows that many probes at once")
    func severalProbes() {
        var breaker = Self.breaker(threshold: 1, open: 10, probes: 3)
        breaker.recordFailure(now: Self.t)
        let probeTime = Self.t + 10
        let answers = (0..<4).map { _ in breaker.allowRequest(now: probeTime) }
        #expect(answers == [true, true, true, false])
        breaker.recordSuccess(now: probeTime + 1)
        #expect(breaker.state(now: probeTime + 1) == .halfOpen)
        let freed = breaker.allowRequest(now: probeTime + 1)
        #expect(freed, "a finished probe frees its slot")
        breaker.recordSuccess(now: probeTime + 2)
        #expect(breaker.state(now: probeTime + 2) == .halfOpen)
        breaker.recordSuccess(now: probeTime + 3)
        #expect(breaker.state(now: probeTime + 3) == .closed)
    }

    @Test("one failure among several probes reopens")
    func probeFailureAmongMany() {
        var breaker = Self.breaker(threshold: 1, open: 10, probes: 2)
        breaker.recordFailure(now: Self.t)
        let answers = [breaker.allowRequest(now: Self.t + 10), breaker.allowRequest(now: Self.t + 10)]
        #expect(answers == [true, true])
        breaker.recordSuccess(now: Self.t + 11)
        breaker.recordFailure(now: Self.t + 12)
        #expect(breaker.state(now: Self.t + 12) == .open)
        #expect(breaker.openedAt == Self.t + 12)
    }

    @Test("trip opens at once from any state and restarts the open period")
    func trip() {
        var breaker = Self.breaker(threshold: 5, open: 60)
        breaker.trip(now: Self.t)
        #expect(breaker.state(now: Self.t) == .open)
        let whileOpen = breaker.allowRequest(now: Self.t + 1)
        breaker.trip(now: Self.t + 50)
        let beforeRestartedPeriodEnds = breaker.allowRequest(now: Self.t + 100)
        let after = breaker.allowRequest(now: Self.t + 110)
        #expect([whileOpen, beforeRestartedPeriodEnds, after] == [false, false, true])
        breaker.trip(now: Self.t + 111)
        #expect(breaker.state(now: Self.t + 111) == .open)
        #expect(breaker.openedAt == Self.t + 111)
    }

    @Test("late outcomes while open neither close nor extend it")
    func lateOutcomes() {
        var breaker = Self.breaker(threshold: 1, open: 30)
        breaker.recordFailure(now: Self.t)
        breaker.recordSuccess(now: Self.t + 1)
        #expect(breaker.state(now: Self.t + 1) == .open)
        breaker.recordFailure(now: Self.t + 20)
        #expect(breaker.openedAt == Self.t)
        let probe = breaker.allowRequest(now: Self.t + 30)
        #expect(probe)
    }

    @Test("a probe that never reports back frees its slot after the open duration")
    func lostProbe() {
        var breaker = Self.breaker(threshold: 1, open: 30)
        breaker.recordFailure(now: Self.t)
        let answers = [30.0, 59, 60].map { breaker.allowRequest(now: Self.t + $0) }
        #expect(answers == [true, false, true])
    }

    @Test("invalid configuration values are treated as the smallest sensible ones")
    func invalidConfiguration() {
        var breaker = Self.breaker(threshold: 0, open: -5, probes: 0)
        let first = breaker.allowRequest(now: Self.t)
        breaker.recordFailure(now: Self.t)
        #expect(breaker.state(now: Self.t) == .halfOpen)
        let probe = breaker.allowRequest(now: Self.t)
        #expect([first, probe] == [true, true])
        breaker.recordSuccess(now: Self.t)
        #expect(breaker.state(now: Self.t) == .closed)
    }

    @Test("state raw values")
    func rawValues() {
        #expect(CircuitBreaker.State.allCases.map(\.rawValue) == ["closed", "open", "half_open"])
    }
}
