package import Foundation

/// Stops calling a provider that keeps failing, then lets a few probes test whether it recovered.
///
/// `closed` (all requests) → after `failureThreshold` consecutive failures, or at once on
/// ``trip(now:)`` → `open` (no requests) → after `openDuration` → `halfOpen` (at most
/// `halfOpenProbes` requests in flight) → `halfOpenProbes` successes → `closed`; any failure in
/// `halfOpen` → `open` again. A value type: the owner keeps it behind its own lock or actor.
package struct CircuitBreaker: Sendable, Equatable {
    package enum State: String, Sendable, Codable, CaseIterable {
        case closed
        case open
        case halfOpen = "half_open"
    }

    package struct Configuration: Sendable, Equatable, Codable {
        /// Consecutive failures that open the circuit; values below 1 count as 1.
        package var failureThreshold: Int
        /// How long the circuit stays open before probing, in seconds.
        package var openDuration: TimeInterval
        /// Successful probes needed to close again, and the most probes allowed in flight at once;
        /// values below 1 count as 1.
        package var halfOpenProbes: Int

        package init(failureThreshold: Int = 5, openDuration: TimeInterval = 60, halfOpenProbes: Int = 1) {
            self.failureThreshold = failureThreshold
            self.openDuration = openDuration
            self.halfOpenProbes = halfOpenProbes
        }
    }

    private enum Mode: Sendable, Equatable {
        case closed(consecutiveFailures: Int)
        case open(since: Date)
        case halfOpen(inFlight: Int, successes: Int, lastProbeAt: Date?)
    }

    package let configuration: Configuration
    private var mode: Mode = .closed(consecutiveFailures: 0)

    package init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// When the circuit last opened; `nil` while it is closed or half-open.
    package var openedAt: Date? {
        if case .open(let since) = mode { return since }
        return nil
    }

    /// Consecutive failures counted while closed.
    package var consecutiveFailures: Int {
        if case .closed(let failures) = mode { return failures }
        return 0
    }

    private var threshold: Int { max(configuration.failureThreshold, 1) }
    private var probes: Int { max(configuration.halfOpenProbes, 1) }
    private var openDuration: TimeInterval { configuration.openDuration.isNaN ? 0 : max(configuration.openDuration, 0) }

    // MARK: - Queries

    /// The state at `now`: an open circuit whose `openDuration` has passed reads as half-open.
    package func state(now: Date) -> State {
        switch mode {
        case .closed: .closed
        case .open(let since): now >= since + openDuration ? .halfOpen : .open
        case .halfOpen: .halfOpen
        }
    }

    /// Whether a request may go out now; in half-open this claims one probe slot, so every `true`
    /// must be followed by ``recordSuccess(now:)`` or ``recordFailure(now:)``.
    ///
    /// A probe with no outcome for `openDuration` counts as lost and frees its slot, so a crashed
    /// caller cannot wedge the circuit half-open.
    package mutating func allowRequest(now: Date) -> Bool {
        switch mode {
        case .closed:
            return true
        case .open(let since):
            guard now >= since + openDuration else { return false }
            mode = .halfOpen(inFlight: 1, successes: 0, lastProbeAt: now)
            return true
        case .halfOpen(var inFlight, let successes, let lastProbeAt):
            if inFlight >= probes, let lastProbeAt, now >= lastProbeAt + openDuration {
                inFlight = 0
            }
            guard inFlight < probes else { return false }
            mode = .halfOpen(inFlight: inFlight + 1, successes: successes, lastProbeAt: now)
            return true
        }
    }

    // MARK: - Outcomes

    /// A request succeeded: resets the failure count, or counts a probe towards closing.
    /// A late success while open changes nothing.
    package mutating func recordSuccess(now: Date) {
        switch mode {
        case .closed:
            mode = .closed(consecutiveFailures: 0)
        case .open:
            break
        case .halfOpen(let inFlight, let successes, let lastProbeAt):
            if successes + 1 >= probes {
                mode = .closed(consecutiveFailures: 0)
            } else {
                mode = .halfOpen(inFlight: max(inFlight - 1, 0), successes: successes + 1, lastProbeAt: lastProbeAt)
            }
        }
    }

    /// A request failed in a way that says the provider is unwell (retryable outcome).
    /// A late failure while open does not extend the open period.
    package mutating func recordFailure(now: Date) {
        switch mode {
        case .closed(let failures):
            mode = failures + 1 >= threshold ? .open(since: now) : .closed(consecutiveFailures: failures + 1)
        case .open:
            break
        case .halfOpen:
            mode = .open(since: now)
        }
    }

    /// Opens the circuit at once, e.g. when the provider refuses our credentials; restarts the
    /// open period if already open.
    package mutating func trip(now: Date) {
        mode = .open(since: now)
    }
}
