import Foundation
import InvoiceDomain
import Synchronization

/// Random backoff delays: seeded (replayable) in tests, the system generator in production.
final class JitterSource: Sendable {
    private let seeded: Mutex<SeededGenerator?>

    init(seed: UInt64?) {
        seeded = Mutex(seed.map { SeededGenerator(seed: $0) })
    }

    /// A full-jitter delay after attempt number `attempt` (1-based) under `policy`.
    func delay(_ policy: BackoffPolicy, afterAttempt attempt: Int) -> TimeInterval {
        seeded.withLock { generator in
            guard var seeded = generator else {
                var system = SystemRandomNumberGenerator()
                return policy.delay(afterAttempt: attempt, using: &system)
            }
            let delay = policy.delay(afterAttempt: attempt, using: &seeded)
            generator = seeded
            return delay
        }
    }
}
