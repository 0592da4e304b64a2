import Foundation
import InvoiceDomain
import Testing
@testable import Notifications

/// A provider that is never called; routing tests only look at which one is chosen.
private struct NamedProvider: MessageProvider {
    let name: String
    let channel: Channel

    func send(_ message: OutboundMessage) async -> ProviderResult {
        ProviderResult(outcome: .sent(messageId: nil), httpStatus: 200, latency: 0)
    }
}

@Suite("Provider router")
struct ProviderRouterTests {
    static let now = utc(2026, 3, 1, 12)

    static func routed(_ name: String, threshold: Int = 2, openFor: TimeInterval = 60, rate: Double = 1000, burst: Double = 1000) -> RoutedProvider {
        RoutedProvider(
            provider: NamedProvider(name: name, channel: .email), carriesIdempotencyKey: true,
            circuit: .init(failureThreshold: threshold, openDuration: openFor, halfOpenProbes: 1), ratePerSecond: rate, burst: burst
        )
    }

    static func chosen(_ decision: ProviderRouter.Decision) -> String? {
        if case .send(let provider, _) = decision { return provider.name }
        return nil
    }

    @Test("the primary while its circuit is closed, the fallback while it is open, then the primary again")
    func failover() async {
        let router = ProviderRouter(routes: [.email: ChannelRoute(primary: Self.routed("primary"), fallback: Self.routed("backup"))], maxInlineWait: 0)
        #expect(Self.chosen(router.acquire(.email, now: Self.now)) == "primary")
        router.record(.retryable(reason: "500", retryAfter: nil), provider: "primary", now: Self.now)
        #expect(Self.chosen(router.acquire(.email, now: Self.now)) == "primary")
        let state = router.record(.retryable(reason: "500", retryAfter: nil), provider: "primary", now: Self.now)
        #expect(state == .open)
        #expect(Self.chosen(router.acquire(.email, now: Self.now)) == "backup")
        // After the open period one probe goes to the primary; its success closes the circuit.
        let later = Self.now.addingTimeInterval(60)
        #expect(Self.chosen(router.acquire(.email, now: later)) == "primary")
        #expect(router.record(.sent(messageId: "m"), provider: "primary", now: later) == .closed)
    }

    @Test("permanent refusals keep the circuit closed; refused credentials open it at once")
    func outcomesAndBreaker() async {
        let router = ProviderRouter(routes: [.email: ChannelRoute(primary: Self.routed("primary", threshold: 1))], maxInlineWait: 0)
        #expect(router.record(.permanent(reason: "422"), provider: "primary", now: Self.now) == .closed)
        #expect(router.record(.credentials(reason: "401"), provider: "primary", now: Self.now) == .open)
    }

    @Test("every circuit open: wait until the earliest may probe again")
    func allOpen() async {
        let router = ProviderRouter(routes: [.email: ChannelRoute(primary: Self.routed("primary", openFor: 60), fallback: Self.routed("backup", openFor: 30))], maxInlineWait: 0)
        router.trip("primary", now: Self.now)
        router.trip("backup", now: Self.now)
        guard case .wait(let until, let reason, let provider) = router.acquire(.email, now: Self.now) else {
            Issue.record("expected a wait")
            return
        }
        #expect(until == Self.now.addingTimeInterval(30))
        #expect(reason == .circuitOpen)
        #expect(provider == "backup")
    }

    @Test("a rate-limit wait beyond the inline bound defers instead of failing over; a short one is slept")
    func rateLimit() async {
        let slow = ProviderRouter(routes: [.email: ChannelRoute(primary: Self.routed("primary", rate: 1, burst: 1), fallback: Self.routed("backup"))], maxInlineWait: 0.05)
        #expect(Self.chosen(slow.acquire(.email, now: Self.now)) == "primary")
        guard case .wait(let until, let reason, let provider) = slow.acquire(.email, now: Self.now) else {
            Issue.record("expected a wait")
            return
        }
        #expect(reason == .rateLimited)
        #expect(provider == "primary")
        #expect(abs(until.timeIntervalSince(Self.now) - 1) < 0.001)

        let fast = ProviderRouter(routes: [.email: ChannelRoute(primary: Self.routed("primary", rate: 100, burst: 1))], maxInlineWait: 0.05)
        _ = fast.acquire(.email, now: Self.now)
        guard case .send(_, let wait) = fast.acquire(.email, now: Self.now) else {
            Issue.record("expected a send")
            return
        }
        #expect(abs(wait - 0.01) < 0.0001)
    }

    @Test("a channel without a route is reported as such")
    func noRoute() async {
        let router = ProviderRouter(routes: [.email: ChannelRoute(primary: Self.routed("primary"))], maxInlineWait: 0)
        guard case .noRoute = router.acquire(.sms, now: Self.now) else {
            Issue.record("expected noRoute")
            return
        }
        #expect(!router.hasRoute(for: .sms))
        #expect(router.hasRoute(for: .email))
        #expect(!router.hasAlternative(to: "primary", on: .email))
    }
}
