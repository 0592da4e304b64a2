package import CoreMetrics
package import Foundation
import InvoiceDomain
import Synchronization

/// A `MetricsFactory` that listens to the service's own metrics and keeps a sliding window of what
/// the alert rules need: ingest and delivery latencies, outcomes, credential failures, circuit states
/// and reconciliation lag. It is multiplexed beside the Prometheus factory, so the alerts see exactly
/// the numbers `/metrics` shows.
package final class AlertSignals: MetricsFactory, Sendable {
    /// Latencies of one second, counted per bucket of ``LatencyScale`` (not kept one by one: at saturation a
    /// five-minute window held millions of samples, hundreds of MiB, sorted under the lock at each evaluation).
    struct Second {
        var at: Int64
        var ingest = [UInt32](repeating: 0, count: LatencyScale.bucketCount)
        var delivery = [UInt32](repeating: 0, count: LatencyScale.bucketCount)
        var outcomes = 0
        var failed = 0
        var credentialFailures = 0
        /// E-mail feedback with a final outcome (delivered, bounced, dropped), hard bounces and complaints.
        var emailOutcomes = 0
        var hardBounces = 0
        var complaints = 0
    }

    /// Log-spaced latency buckets from 50 µs to 10 minutes, each bound 10 % above the previous one: a p95 is
    /// reported as the upper bound of its bucket, so it is at most 10 % high and never low.
    enum LatencyScale {
        static let first = 0.000_05
        static let ratio = 1.1
        static let bucketCount = 172  // 0.000_05 × 1.1^171 ≈ 590 s; the last bucket takes everything above
        static let upperBounds: [Double] = (0..<bucketCount).map { first * pow(ratio, Double($0)) }

        static func bucket(_ seconds: Double) -> Int {
            guard seconds > first else { return 0 }
            return min(bucketCount - 1, Int((log(seconds / first) / log(ratio)).rounded(.up)))
        }
    }

    struct State {
        /// Oldest first; one per second that saw something.
        var seconds: [Second] = []
        var circuitOpenSince: [String: Date] = [:]
        var reconciliationLag: Double = 0

        /// The current second's counts (`now` never goes back: an earlier time counts in the latest second).
        mutating func current(_ now: Date) -> Int {
            let at = Int64(now.timeIntervalSince1970.rounded(.down))
            if let last = seconds.indices.last, seconds[last].at >= at { return last }
            seconds.append(Second(at: at))
            return seconds.count - 1
        }
    }

    private let state = Mutex(State())
    private let clock: @Sendable () -> Date
    private let window: TimeInterval

    package init(window: TimeInterval, clock: @escaping @Sendable () -> Date) {
        self.window = window
        self.clock = clock
    }

    /// What the rules evaluate, computed over the window ending now.
    package struct Snapshot: Sendable, Equatable {
        package var ingestP95: Double?
        package var deliveryP95: Double?
        package var errorRate: Double?
        package var credentialFailures: Int
        /// Longest time any provider's circuit has been open, in seconds.
        package var longestOpenCircuit: TimeInterval
        package var reconciliationLag: Double
        /// Hard bounces and complaints over e-mail feedback with a final outcome; `nil` without any.
        package var hardBounceRate: Double? = nil
        package var complaintRate: Double? = nil
    }

    package func snapshot() -> Snapshot {
        let now = clock()
        let cutoff = now.addingTimeInterval(-window).timeIntervalSince1970
        return state.withLock { state in
            // A second is in the window while its end is after the cutoff.
            state.seconds.removeAll { Double($0.at + 1) <= cutoff }
            var ingest = [UInt32](repeating: 0, count: LatencyScale.bucketCount)
            var delivery = ingest
            var outcomes = 0
            var failed = 0
            var credentialFailures = 0
            var (emailOutcomes, hardBounces, complaints) = (0, 0, 0)
            for second in state.seconds {
                for index in 0..<LatencyScale.bucketCount {
                    ingest[index] &+= second.ingest[index]
                    delivery[index] &+= second.delivery[index]
                }
                outcomes += second.outcomes
                failed += second.failed
                credentialFailures += second.credentialFailures
                emailOutcomes += second.emailOutcomes
                hardBounces += second.hardBounces
                complaints += second.complaints
            }
            return Snapshot(
                ingestP95: Self.p95(ingest),
                deliveryP95: Self.p95(delivery),
                errorRate: outcomes == 0 ? nil : Double(failed) / Double(outcomes),
                credentialFailures: credentialFailures,
                longestOpenCircuit: state.circuitOpenSince.values.map { now.timeIntervalSince($0) }.max() ?? 0,
                reconciliationLag: state.reconciliationLag,
                hardBounceRate: emailOutcomes == 0 ? nil : Double(hardBounces) / Double(emailOutcomes),
                complaintRate: emailOutcomes == 0 ? nil : Double(complaints) / Double(emailOutcomes)
            )
        }
    }

    /// How many seconds of counts the window holds now (bounded by the window, whatever the rate).
    package var retainedSeconds: Int { state.withLock { $0.seconds.count } }

    /// The upper bound of the bucket holding the 95th percentile, or `nil` without samples.
    static func p95(_ counts: [UInt32]) -> Double? {
        let total = counts.reduce(0) { $0 + Int($1) }
        guard total > 0 else { return nil }
        let rank = Int((Double(total) * 0.95).rounded(.up))
        var seen = 0
        for (index, count) in counts.enumerated() {
            seen += Int(count)
            if seen >= rank { return LatencyScale.upperBounds[index] }
        }
        return LatencyScale.upperBounds[LatencyScale.bucketCount - 1]
    }

    // MARK: - Taps

    func recordLatency(_ label: String, seconds: Double) {
        let now = clock()
        let bucket = LatencyScale.bucket(seconds)
        state.withLock { state in
            switch MetricName(rawValue: label) {
            case .webhookIngestDuration: state.seconds[state.current(now)].ingest[bucket] &+= 1
            case .deliveryAttemptDuration: state.seconds[state.current(now)].delivery[bucket] &+= 1
            default: break
            }
        }
    }

    func count(_ label: String, dimensions: [(String, String)], by amount: Int64) {
        let now = clock()
        let outcome = dimensions.first { $0.0 == MetricLabel.outcome.rawValue }?.1 ?? ""
        let amount = Int(amount)
        state.withLock { state in
            switch MetricName(rawValue: label) {
            case .webhooksReceived:
                let index = state.current(now)
                state.seconds[index].outcomes += amount
                if WebhookOutcome.isRejection(outcome) { state.seconds[index].failed += amount }
            case .deliveries:
                let index = state.current(now)
                state.seconds[index].outcomes += amount
                if DeliveryOutcome(rawValue: outcome)?.countsAsError ?? true { state.seconds[index].failed += amount }
            case .deliveryFeedback:
                let provider = dimensions.first { $0.0 == MetricLabel.provider.rawValue }?.1
                let statusName = dimensions.first { $0.0 == MetricLabel.status.rawValue }?.1
                let status = statusName.flatMap(ProviderStatus.init(rawValue:))
                guard let status, provider.flatMap(MessagingProvider.init(rawValue:))?.channel == .email, status.rank == 2 else { break }
                state.seconds[state.current(now)].emailOutcomes += amount
            case .suppressions:
                let channel = dimensions.first { $0.0 == MetricLabel.channel.rawValue }?.1
                let reasonName = dimensions.first { $0.0 == MetricLabel.reason.rawValue }?.1
                let reason = reasonName.flatMap(SuppressionReason.init(rawValue:))
                guard channel == Channel.email.rawValue else { break }
                switch reason {
                case .hardBounce: state.seconds[state.current(now)].hardBounces += amount
                case .complaint: state.seconds[state.current(now)].complaints += amount
                default: break
                }
            case .providerCredentialFailures:
                state.seconds[state.current(now)].credentialFailures += amount
            default: break
            }
        }
    }

    func set(_ label: String, dimensions: [(String, String)], value: Double) {
        let now = clock()
        state.withLock { state in
            switch MetricName(rawValue: label) {
            case .circuitState:
                let provider = dimensions.first { $0.0 == MetricLabel.provider.rawValue }?.1 ?? ""
                if value >= 2 {
                    if state.circuitOpenSince[provider] == nil { state.circuitOpenSince[provider] = now }
                } else {
                    state.circuitOpenSince[provider] = nil
                }
            case .reconciliationLag:
                state.reconciliationLag = value
            default: break
            }
        }
    }

    // MARK: - MetricsFactory

    package func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        Tap(self, label, dimensions)
    }

    package func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        Tap(self, label, dimensions)
    }

    package func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        Tap(self, label, dimensions)
    }

    package func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        Tap(self, label, dimensions)
    }

    package func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        Tap(self, label, dimensions)
    }

    package func destroyCounter(_ handler: any CounterHandler) {}
    package func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    package func destroyRecorder(_ handler: any RecorderHandler) {}
    package func destroyMeter(_ handler: any MeterHandler) {}
    package func destroyTimer(_ handler: any TimerHandler) {}

    private final class Tap: CounterHandler, FloatingPointCounterHandler, RecorderHandler, MeterHandler, TimerHandler, Sendable {
        let signals: AlertSignals
        let label: String
        let dimensions: [(String, String)]
        private let meterValue = Mutex(0.0)

        init(_ signals: AlertSignals, _ label: String, _ dimensions: [(String, String)]) {
            self.signals = signals
            self.label = label
            self.dimensions = dimensions
        }

        func increment(by amount: Int64) { signals.count(label, dimensions: dimensions, by: amount) }
        func increment(by amount: Double) {
            let value = meterValue.withLock { $0 += amount; return $0 }
            signals.set(label, dimensions: dimensions, value: value)
        }
        func decrement(by amount: Double) {
            let value = meterValue.withLock { $0 -= amount; return $0 }
            signals.set(label, dimensions: dimensions, value: value)
        }
        func reset() {}
        func record(_ value: Int64) { record(Double(value)) }
        func record(_ value: Double) { signals.set(label, dimensions: dimensions, value: value) }
        func set(_ value: Int64) { set(Double(value)) }
        func set(_ value: Double) {
            meterValue.withLock { $0 = value }
            signals.set(label, dimensions: dimensions, value: value)
        }
        func recordNanoseconds(_ duration: Int64) { signals.recordLatency(label, seconds: Double(duration) / 1e9) }
    }
}
