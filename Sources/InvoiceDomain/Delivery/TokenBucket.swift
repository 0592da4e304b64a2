package import Foundation

/// Rate limiter for outgoing provider calls: `ratePerSecond` tokens refill continuously up to `burst`.
///
/// ``reserve(now:)`` always takes a token, even one not refilled yet, and returns the wait until
/// it is; the balance goes negative, so callers reserving in turn are served in reservation order
/// at exactly the configured rate. A value type: the owner keeps it behind its own lock or actor.
package struct TokenBucket: Sendable, Equatable {
    /// Tokens per second; non-positive or non-finite values become one token a day.
    package let ratePerSecond: Double
    /// Most tokens held at once (the largest burst); values below 1 count as 1.
    package let burst: Double

    private var tokens: Double
    private var updatedAt: Date?

    package init(ratePerSecond: Double, burst: Double) {
        self.ratePerSecond = ratePerSecond.isFinite && ratePerSecond > 0 ? ratePerSecond : 1.0 / 86_400
        self.burst = burst.isFinite ? max(burst, 1) : 1
        self.tokens = self.burst
    }

    /// Takes one token.
    /// - Returns: how long the caller must wait before using it, in seconds; `0` when one is available now.
    package mutating func reserve(now: Date) -> TimeInterval {
        refill(now: now)
        tokens -= 1
        return tokens >= 0 ? 0 : -tokens / ratePerSecond
    }

    /// Tokens available at `now` (negative while reservations are queued); does not take any.
    package func available(now: Date) -> Double {
        var copy = self
        copy.refill(now: now)
        return copy.tokens
    }

    private mutating func refill(now: Date) {
        if let updatedAt {
            // A clock that steps back neither refills nor moves the reference point back.
            let elapsed = now.timeIntervalSince(updatedAt)
            guard elapsed > 0 else { return }
            tokens = min(burst, tokens + elapsed * ratePerSecond)
        }
        updatedAt = now
    }
}
