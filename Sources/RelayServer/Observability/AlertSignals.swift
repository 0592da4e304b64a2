import CoreMetrics
import Foundation
import Synchronization

/// A `MetricsFactory` that listens to the service's own metrics and keeps a sliding window of what
/// the alert rules need: ingest and delivery latencies, outcomes, credential failures, circuit states
/// and reconciliation lag. It is multiplexed beside the Prometheus factory, so the alerts see exactly
/// the numbers `/metrics` shows.
public final class AlertSignals: MetricsFactory, Sendable {
    struct Sample {
        var at: Date
        var value: Double
    }

    struct State {
        var ingestLatencies: [Sample] = []
        var deliveryLatencies: [Sample] = []
        var outcomes: [(at: Date, failed: Bool)] = []
        var credentialFailures: [Date] = []
        var circuitOpenSince: [String: Date] = [:]
        var reconciliationLag: Double = 0
    }

    private let state = Mutex(State())
    private let clock: @Sendable () -> Date
    private let window: TimeInterval

    public init(window: TimeInterval, clock: @escaping @Sendable () -> Date) {
        self.window = window
        self.clock = clock
    }

    /// What the rules evaluate, computed over the window ending now.
    public struct Snapshot: Sendable, Equatable {
        public var ingestP95: Double?
        public var deliveryP95: Double?
        public var errorRate: Double?
        public var credentialFailures: Int
        /// Longest time any provider's circuit has been open, in seconds.
        public var longestOpenCircuit: TimeInterval
        public var reconciliationLag: Double
    }

    public func snapshot() -> Snapshot {
        let now = clock()
        let cutoff = now.addingTimeInterval(-window)
        return state.withLock { state in
            state.ingestLatencies.removeAll { $0.at < cutoff }
            state.deliveryLatencies.removeAll { $0.at < cutoff }
            state.outcomes.removeAll { $0.at < cutoff }
            state.credentialFailures.removeAll { $0 < cutoff }
            let failed = state.outcomes.filter(\.failed).count
            return Snapshot(
                ingestP95: Self.p95(state.ingestLatencies.map(\.value)),
                deliveryP95: Self.p95(state.deliveryLatencies.map(\.value)),
                errorRate: state.outcomes.isEmpty ? nil : Double(failed) / Double(state.outcomes.count),
                credentialFailures: state.credentialFailures.count,
                longestOpenCircuit: state.circuitOpenSince.values.map { now.timeIntervalSince($0) }.max() ?? 0,
                reconciliationLag: state.reconciliationLag
            )
        }
    }

    static func p95(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let index = min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)
        return sorted[max(0, index)]
    }

    // MARK: - Taps

    func recordLatency(_ label: String, seconds: Double) {
        let now = clock()
        state.withLock { state in
            switch label {
            case "invoice_relay_webhook_ingest_duration_seconds": state.ingestLatencies.append(Sample(at: now, value: seconds))
            case "invoice_relay_delivery_attempt_duration_seconds": state.deliveryLatencies.append(Sample(at: now, value: seconds))
            default: break
            }
        }
    }

    func count(_ label: String, dimensions: [(String, String)], by amount: Int64) {
        let now = clock()
        let outcome = dimensions.first { $0.0 == "outcome" }?.1 ?? ""
        state.withLock { state in
            switch label {
            case "invoice_relay_webhooks_received_total":
                for _ in 0..<amount { state.outcomes.append((now, outcome.hasPrefix("rejected_"))) }
            case "invoice_relay_deliveries_total":
                for _ in 0..<amount { state.outcomes.append((now, outcome != "sent" && outcome != "cancelled" && outcome != "deferred")) }
            case "invoice_relay_provider_credential_failures_total":
                for _ in 0..<amount { state.credentialFailures.append(now) }
            default: break
            }
        }
    }

    func set(_ label: String, dimensions: [(String, String)], value: Double) {
        let now = clock()
        state.withLock { state in
            switch label {
            case "invoice_relay_circuit_state":
                let provider = dimensions.first { $0.0 == "provider" }?.1 ?? ""
                if value >= 2 {
                    if state.circuitOpenSince[provider] == nil { state.circuitOpenSince[provider] = now }
                } else {
                    state.circuitOpenSince[provider] = nil
                }
            case "invoice_relay_reconciliation_lag_seconds":
                state.reconciliationLag = value
            default: break
            }
        }
    }

    // MARK: - MetricsFactory

    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        Tap(self, label, dimensions)
    }

    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        Tap(self, label, dimensions)
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        Tap(self, label, dimensions)
    }

    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        Tap(self, label, dimensions)
    }

    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        Tap(self, label, dimensions)
    }

    public func destroyCounter(_ handler: any CounterHandler) {}
    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    public func destroyRecorder(_ handler: any RecorderHandler) {}
    public func destroyMeter(_ handler: any MeterHandler) {}
    public func destroyTimer(_ handler: any TimerHandler) {}

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
