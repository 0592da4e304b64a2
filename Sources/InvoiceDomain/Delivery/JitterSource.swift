package import Foundation
import Synchronization

/// Random backoff delays shared by every retry loop: seeded (replayable) in tests, the system generator in
/// production.
///
/// One instance is shared by concurrent attempts; a seeded source hands out one reproducible sequence across
/// all of them.
package final class JitterSource: Sendable {
    private let seeded: Mutex<SeededGenerator?>

    /// - Parameter seed: Seed for a ``SeededGenerator``; `nil` draws from `SystemRandomNumberGenerator`.
    package init(seed: UInt64?) {
        seeded = Mutex(seed.map { SeededGenerator(seed: $0) })
    }

    /// A full-jitter delay after attempt number `attempt` (1-based) under `policy`.
    package func delay(_ policy: BackoffPolicy, afterAttempt attempt: Int) -> TimeInterval {
        seeded.withLock { generator in
            guard var seeded = generator else {
                var system = SystemRandomNumberGenerator()
                return policy.delay(afterAttempt: attempt, using: &system)
            }
            defer { generator = seeded }
            return policy.delay(afterAttempt: attempt, using: &seeded)
        }
    }
}
