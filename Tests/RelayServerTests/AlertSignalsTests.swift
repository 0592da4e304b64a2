import CoreMetrics
import Foundation
import RelayServer
import Synchronization
import Testing

/// The alert window counts latencies per second and bucket, so memory stays bounded at any rate and the p95 is
/// an upper bound at most 10 % above the true one.
@Suite struct AlertSignalsTests {
    final class Clock: Sendable {
        let now = Mutex(Date(timeIntervalSince1970: 1_764_000_000.25))
        func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
        func read() -> Date { now.withLock { $0 } }
    }

    @Test func p95IsWithinTenPercentAboveTheTrueOne() {
        let clock = Clock()
        let signals = AlertSignals(window: 60, clock: { clock.read() })
        let timer = CoreMetrics.Timer(label: "invoice_relay_webhook_ingest_duration_seconds", dimensions: [("source", "stripe")], factory: signals)
        #expect(signals.snapshot().ingestP95 == nil)
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = []
        for _ in 0..<5_000 {
            let seconds = Double.random(in: 0.000_1...2, using: &generator)
            values.append(seconds)
            timer.recordNanoseconds(Int64(seconds * 1e9))
        }
        let sorted = values.sorted()
        let truth = sorted[Int((Double(sorted.count) * 0.95).rounded(.up)) - 1]
        let reported = try! #require(signals.snapshot().ingestP95)
        #expect(reported >= truth * 0.999_999 && reported <= truth * 1.1 + 0.000_001, "\(reported) vs \(truth)")
    }

    @Test func samplesLeaveTheWindowAndErrorRatesCount() {
        let clock = Clock()
        let signals = AlertSignals(window: 60, clock: { clock.read() })
        let timer = CoreMetrics.Timer(label: "invoice_relay_delivery_attempt_duration_seconds", dimensions: [("provider", "sendgrid")], factory: signals)
        let sent = Counter(label: "invoice_relay_deliveries_total", dimensions: [("outcome", "sent")], factory: signals)
        let failed = Counter(label: "invoice_relay_deliveries_total", dimensions: [("outcome", "failed")], factory: signals)
        timer.recordNanoseconds(3_000_000_000)
        sent.increment(by: 3)
        failed.increment()
        var snapshot = signals.snapshot()
        #expect(snapshot.deliveryP95.map { $0 >= 3 && $0 <= 3.3 } == true)
        #expect(snapshot.errorRate == 0.25)
        clock.advance(30)
        timer.recordNanoseconds(10_000_000)
        snapshot = signals.snapshot()
        #expect(snapshot.deliveryP95.map { $0 >= 3 } == true, "both samples are in the window")
        clock.advance(31)
        snapshot = signals.snapshot()
        #expect(snapshot.deliveryP95.map { $0 < 0.012 } == true, "the first sample left the window")
        #expect(snapshot.errorRate == nil)
        clock.advance(61)
        #expect(signals.snapshot().deliveryP95 == nil)
    }

    @Test func hardBounceAndComplaintRatesCountEmailOutcomesOnly() {
        let clock = Clock()
        let signals = AlertSignals(window: 60, clock: { clock.read() })
        #expect(signals.snapshot().hardBounceRate == nil)
        func feedback(_ provider: String, _ status: String, _ times: Int64) {
            Counter(label: "invoice_relay_delivery_feedback_total", dimensions: [("provider", provider), ("status", status)], factory: signals).increment(by: times)
        }
        feedback("sendgrid", "delivered", 95)
        feedback("postmark", "bounced", 5)
        feedback("sendgrid", "deferred", 40)  // not a final outcome
        feedback("twilio", "delivered", 50)  // not e-mail
        Counter(label: "invoice_relay_suppressions_total", dimensions: [("channel", "email"), ("reason", "hard_bounce")], factory: signals).increment(by: 5)
        Counter(label: "invoice_relay_suppressions_total", dimensions: [("channel", "email"), ("reason", "complaint")], factory: signals).increment()
        Counter(label: "invoice_relay_suppressions_total", dimensions: [("channel", "sms"), ("reason", "stop")], factory: signals).increment(by: 9)
        let snapshot = signals.snapshot()
        #expect(snapshot.hardBounceRate == 0.05)
        #expect(snapshot.complaintRate == 0.01)
        let firing = Set(AlertMonitor.rules(AlertSettings()).filter { $0.firing(snapshot) }.map(\.name))
        #expect(firing == ["complaint_rate"], "5 % is the bounce limit itself; 1 % of complaints is ten times the 0.1 % limit")
    }

    @Test func memoryDoesNotGrowWithTheRate() {
        let clock = Clock()
        let signals = AlertSignals(window: 5, clock: { clock.read() })
        let timer = CoreMetrics.Timer(label: "invoice_relay_webhook_ingest_duration_seconds", dimensions: [("source", "stripe")], factory: signals)
        // 200,000 samples over 20 seconds: the window keeps per-second counts, so evaluating stays cheap.
        for second in 0..<20 {
            for _ in 0..<10_000 { timer.recordNanoseconds(1_000_000) }
            if second % 5 == 4 { _ = signals.snapshot() }
            clock.advance(1)
        }
        #expect(signals.snapshot().ingestP95.map { $0 >= 0.001 && $0 <= 0.0011 } == true)
        #expect(signals.retainedSeconds <= 6)
    }
}
