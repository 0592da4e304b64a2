import Foundation
import InvoiceDomain
import Synchronization

/// Limits failed sign-ins across all clients to `limit` per sliding `window`, so tokens cannot be guessed at
/// speed. Global rather than per address: the request context does not carry the peer address, and a
/// guessing attacker can change addresses anyway. Successful sign-ins are not counted.
final class SignInThrottle: Sendable {
    private let limit: Int
    private let window: TimeInterval
    private let clock: any WallClock
    private let failures = Mutex<[Date]>([])

    init(limit: Int, window: TimeInterval, clock: any WallClock) {
        self.limit = limit
        self.window = window
        self.clock = clock
    }

    /// Whether a sign-in may be attempted now.
    func allows() -> Bool {
        let now = clock.now()
        return failures.withLock { list in
            list.removeAll { now.timeIntervalSince($0) >= window }
            return list.count < limit
        }
    }

    /// Counts one failed sign-in.
    func noteFailure() {
        let now = clock.now()
        failures.withLock { $0.append(now) }
    }
}
