import InvoiceDomain
import Synchronization

/// An injected sleep that returns at once, remembers every requested duration and moves a manual clock by it (so
/// time-based logic such as a token bucket sees the wait happen).
final class SleepRecorder: Sendable {
    private let durations = Mutex<[Duration]>([])
    private let clock: ManualClock?

    init(advancing clock: ManualClock? = nil) {
        self.clock = clock
    }

    var requested: [Duration] { durations.withLock { $0 } }

    /// The `sleep` to inject.
    var sleep: @Sendable (Duration) async throws -> Void {
        { [self] duration in
            durations.withLock { $0.append(duration) }
            let (seconds, attoseconds) = duration.components
            clock?.advance(by: Double(seconds) + Double(attoseconds) / 1e18)
            try Task.checkCancellation()
        }
    }
}
