import CoreMetrics
import Synchronization

/// A `MetricsFactory` that keeps every value in memory, keyed by label and dimensions, for assertions.
final class RecordingMetrics: MetricsFactory, Sendable {
    struct Key: Hashable, Sendable {
        var label: String
        var dimensions: [String]

        init(_ label: String, _ dimensions: [(String, String)]) {
            self.label = label
            self.dimensions = dimensions.map { "\($0.0)=\($0.1)" }.sorted()
        }
    }

    private struct State {
        var counters: [Key: Int64] = [:]
        var gauges: [Key: Double] = [:]
        var timers: [Key: [Int64]] = [:]
    }

    private let state = Mutex(State())

    /// A counter's total (0 when never incremented).
    func counter(_ label: String, _ dimensions: [(String, String)] = []) -> Int64 {
        state.withLock { $0.counters[Key(label, dimensions)] ?? 0 }
    }

    /// A gauge's last value.
    func gauge(_ label: String, _ dimensions: [(String, String)] = []) -> Double? {
        state.withLock { $0.gauges[Key(label, dimensions)] }
    }

    /// Every duration a timer recorded, in nanoseconds.
    func timer(_ label: String, _ dimensions: [(String, String)] = []) -> [Int64] {
        state.withLock { $0.timers[Key(label, dimensions)] ?? [] }
    }

    /// Every key anything was recorded under.
    var keys: [Key] {
        state.withLock { Array($0.counters.keys) + Array($0.gauges.keys) + Array($0.timers.keys) }
    }

    fileprivate func add(_ key: Key, _ amount: Int64) { state.withLock { $0.counters[key, default: 0] += amount } }
    fileprivate func set(_ key: Key, _ value: Double) { state.withLock { $0.gauges[key] = value } }
    fileprivate func time(_ key: Key, _ nanoseconds: Int64) { state.withLock { $0.timers[key, default: []].append(nanoseconds) } }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        Handler(self, Key(label, dimensions))
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        Handler(self, Key(label, dimensions))
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        Handler(self, Key(label, dimensions))
    }

    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}

    private final class Handler: CounterHandler, RecorderHandler, TimerHandler, Sendable {
        let owner: RecordingMetrics
        let key: Key

        init(_ owner: RecordingMetrics, _ key: Key) {
            self.owner = owner
            self.key = key
        }

        func increment(by amount: Int64) { owner.add(key, amount) }
        func reset() {}
        func record(_ value: Int64) { owner.set(key, Double(value)) }
        func record(_ value: Double) { owner.set(key, value) }
        func recordNanoseconds(_ duration: Int64) { owner.time(key, duration) }
    }
}
