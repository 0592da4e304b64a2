package import Foundation

/// Exponential backoff with full jitter between delivery attempts.
///
/// Full jitter spreads retries from many failed deliveries evenly instead of letting them hit a
/// recovering provider in waves.
package struct BackoffPolicy: Sendable, Equatable, Codable {
    /// Ceiling of the first retry's delay, in seconds.
    package var base: TimeInterval
    /// Largest delay ever returned, in seconds.
    package var cap: TimeInterval
    /// Total attempts allowed, the first one included; after that the delivery is dead.
    package var maxAttempts: Int

    package init(base: TimeInterval, cap: TimeInterval, maxAttempts: Int) {
        self.base = base
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    /// 30 s first ceiling, 1 h cap, 8 attempts.
    package static let standard = BackoffPolicy(base: 30, cap: 3600, maxAttempts: 8)

    /// Upper bound of the delay after `attempt`: `min(cap, base * 2^(attempt-1))`, never negative
    /// and always finite. Attempts below 1 count as 1.
    package func ceiling(afterAttempt attempt: Int) -> TimeInterval {
        let base = base.isFinite ? max(base, 0) : 0
        let cap = cap.isNaN ? 0 : max(cap, 0)
        let exponent = Double(min(max(attempt, 1) - 1, 1100))
        let grown = base == 0 ? 0 : base * pow(2, exponent)
        return min(cap, grown, .greatestFiniteMagnitude)
    }

    /// Full jitter: uniform in `[0, min(cap, base * 2^(attempt-1))]`; `attempt` starts at 1.
    package func delay(afterAttempt attempt: Int, using rng: inout some RandomNumberGenerator) -> TimeInterval {
        let upper = ceiling(afterAttempt: attempt)
        guard upper > 0 else { return 0 }
        return Double.random(in: 0...upper, using: &rng)
    }

    /// Whether another attempt may follow attempt number `attempt` (1-based).
    package func allowsRetry(afterAttempt attempt: Int) -> Bool {
        attempt < maxAttempts
    }
}
