import CoreMetrics
import Foundation
import Synchronization

/// A `MetricsFactory` that keeps every counter total and last recorded value, keyed by label and dimensions.
final class RecordingMetrics: MetricsFactory, Sendable {
    private let values = Mutex<[String: Double]>([:])

    /// The counter's total (0 when never incremented).
    func counter(_ label: String, _ dimensions: [(String, String)] = []) -> Int {
        Int(values.withLock { $0[Self.key(label, dimensions)] ?? 0 })
    }

    /// The last value a recorder/gauge received.
    func gauge(_ label: String, _ dimensions: [(String, String)] = []) -> Double? {
        values.withLock { $0[Self.key(label, dimensions)] }
    }

    fileprivate func add(_ key: String, _ amount: Double) { values.withLock { $0[key, default: 0] += amount } }
    fileprivate func set(_ key: String, _ value: Double) { values.withLock { $0[key] = value } }

    static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        label + "{" + dimensions.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "}"
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler { Handler(self, Self.key(label, dimensions)) }
    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler { Handler(self, Self.key(label, dimensions)) }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler { Handler(self, Self.key(label, dimensions)) }
    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler { Handler(self, Self.key(label, dimensions)) }
    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler { Handler(self, Self.key(label, dimensions)) }
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyMeter(_ handler: any MeterHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}

    private final class Handler: CounterHandler, FloatingPointCounterHandler, RecorderHandler, MeterHandler, TimerHandler, Sendable {
        let metrics: RecordingMetrics
        let key: String
        init(_ metrics: RecordingMetrics, _ key: String) { (self.metrics, self.key) = (metrics, key) }
        func increment(by amount: Int64) { metrics.add(key, Double(amount)) }
        func increment(by amount: Double) { metrics.add(key, amount) }
        func decrement(by amount: Double) { metrics.add(key, -amount) }
        func reset() { metrics.set(key, 0) }
        func record(_ value: Int64) { metrics.set(key, Double(value)) }
        func record(_ value: Double) { metrics.set(key, value) }
        func set(_ value: Int64) { metrics.set(key, Double(value)) }
        func set(_ value: Double) { metrics.set(key, value) }
        func recordNanoseconds(_ duration: Int64) { metrics.set(key, Double(duration) / 1e9) }
    }
}
