package import Foundation
import Synchronization

/// Source of "now". Injected everywhere time matters so tests never read the wall clock.
package protocol WallClock: Sendable {
    func now() -> Date
}

/// The real clock.
package struct SystemClock: WallClock {
    package init() {}
    package func now() -> Date { Date() }
}

/// A clock tests move by hand.
package final class ManualClock: WallClock {
    private let current: Mutex<Date>

    package init(_ start: Date) { current = Mutex(start) }

    package func now() -> Date { current.withLock { $0 } }

    package func set(_ date: Date) { current.withLock { $0 = date } }

    package func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
