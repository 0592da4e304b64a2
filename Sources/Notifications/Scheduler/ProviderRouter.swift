package import Foundation
package import InvoiceDomain
import Synchronization

/// Chooses the provider for each send and keeps every provider's circuit breaker and token bucket.
///
/// Per channel: the primary while its circuit lets requests through, else the fallback, else "wait
/// until the circuit may probe again". A provider whose token bucket asks for a wait longer than
/// `maxInlineWait` is not used now either: the delivery is deferred instead of holding a worker.
///
/// The state sits behind a lock, not an actor: every decision is a few arithmetic steps, and an actor hop
/// there and back on each send cost more than the decision.
package final class ProviderRouter: Sendable {
    /// What to do with one delivery now.
    package enum Decision: Sendable {
        /// Send through `provider` after sleeping `wait` seconds (a short rate-limit wait; usually 0).
        /// A breaker slot and a token are taken: report the outcome with ``record(_:provider:now:)``.
        case send(RoutedProvider, wait: TimeInterval)
        /// No provider may be called now; try again at `until`. `provider` is the one waited for.
        case wait(until: Date, reason: WaitReason, provider: String)
        /// No provider is configured for the channel.
        case noRoute
    }

    /// Why a delivery has to wait.
    package enum WaitReason: String, Sendable {
        case circuitOpen = "circuit open"
        case rateLimited = "rate limited"
    }

    private struct Limits {
        var breaker: CircuitBreaker
        var bucket: TokenBucket
    }

    /// The configured routes, by channel.
    package let routes: [Channel: ChannelRoute]
    private let maxInlineWait: TimeInterval
    private let state: Mutex<[String: Limits]>

    /// - Parameters:
    ///   - routes: the providers per channel; a channel without a route is never sent.
    ///   - maxInlineWait: the longest rate-limit wait a caller should sleep through, in seconds.
    package init(routes: [Channel: ChannelRoute], maxInlineWait: TimeInterval) {
        self.routes = routes
        self.maxInlineWait = max(maxInlineWait, 0)
        var limits: [String: Limits] = [:]
        for route in routes.values {
            for candidate in route.candidates where limits[candidate.name] == nil {
                limits[candidate.name] = Limits(
                    breaker: CircuitBreaker(configuration: candidate.circuit),
                    bucket: TokenBucket(ratePerSecond: candidate.ratePerSecond, burst: candidate.burst)
                )
            }
        }
        self.state = Mutex(limits)
    }

    /// Whether any provider delivers `channel`.
    package func hasRoute(for channel: Channel) -> Bool { routes[channel] != nil }

    /// Every configured provider name, sorted (bounded metric label values).
    package var providerNames: [String] {
        Set(routes.values.flatMap { $0.candidates.map(\.name) }).sorted()
    }

    /// Whether `channel` has a provider other than `provider` to fail over to.
    package func hasAlternative(to provider: String, on channel: Channel) -> Bool {
        routes[channel]?.candidates.contains { $0.name != provider } ?? false
    }

    // MARK: - Routing

    /// Picks the provider for a delivery on `channel` at `now`, taking a breaker slot and a token from it.
    package func acquire(_ channel: Channel, now: Date) -> Decision {
        guard let route = routes[channel] else { return .noRoute }
        return state.withLock { limits in Self.acquire(route, now: now, maxInlineWait: maxInlineWait, limits: &limits) }
    }

    private static func acquire(_ route: ChannelRoute, now: Date, maxInlineWait: TimeInterval, limits: inout [String: Limits]) -> Decision {
        var earliest: (until: Date, reason: WaitReason, provider: String)?
        func note(_ until: Date, _ reason: WaitReason, _ provider: String) {
            if earliest.map({ until < $0.until }) ?? true { earliest = (until, reason, provider) }
        }

        for candidate in route.candidates {
            guard var current = limits[candidate.name] else { continue }
            if current.breaker.state(now: now) == .open {
                let openFor = max(candidate.circuit.openDuration, 0)
                note((current.breaker.openedAt ?? now).addingTimeInterval(openFor), .circuitOpen, candidate.name)
                continue
            }
            let available = current.bucket.available(now: now)
            let wait = available >= 1 ? 0 : (1 - available) / current.bucket.ratePerSecond
            if wait > maxInlineWait {
                // Rate limits defer; only an unavailable circuit sends work to the fallback.
                note(now.addingTimeInterval(wait), .rateLimited, candidate.name)
                break
            }
            guard current.breaker.allowRequest(now: now) else {
                // Half-open with every probe slot taken: look again shortly.
                note(now.addingTimeInterval(min(max(candidate.circuit.openDuration, 0), 5)), .circuitOpen, candidate.name)
                continue
            }
            let reserved = current.bucket.reserve(now: now)
            limits[candidate.name] = current
            return .send(candidate, wait: reserved)
        }
        let (until, reason, provider) = earliest ?? (now.addingTimeInterval(1), .circuitOpen, route.primary.name)
        return .wait(until: max(until, now), reason: reason, provider: provider)
    }

    // MARK: - Outcomes

    /// Feeds an attempt's outcome to `provider`'s breaker: sent and permanent refusals are successes
    /// (the provider answered sensibly), retryable outcomes failures, refused credentials trip it open.
    /// - Returns: the breaker's state afterwards.
    @discardableResult
    package func record(_ outcome: SendOutcome, provider: String, now: Date) -> CircuitBreaker.State? {
        state.withLock { limits in
            guard var current = limits[provider] else { return nil }
            switch outcome {
            case .sent, .permanent: current.breaker.recordSuccess(now: now)
            case .retryable: current.breaker.recordFailure(now: now)
            case .credentials: current.breaker.trip(now: now)
            }
            limits[provider] = current
            return current.breaker.state(now: now)
        }
    }

    /// Opens `provider`'s circuit at once (e.g. an operator knows its credentials were revoked).
    package func trip(_ provider: String, now: Date) {
        state.withLock { limits in limits[provider]?.breaker.trip(now: now) }
    }

    /// The circuit state of every provider at `now`.
    package func circuitStates(now: Date) -> [String: CircuitBreaker.State] {
        state.withLock { limits in limits.mapValues { $0.breaker.state(now: now) } }
    }
}
