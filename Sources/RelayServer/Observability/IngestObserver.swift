import CoreMetrics
import Foundation
import InvoiceDomain
import InvoiceStore
import StoreSeams
import Synchronization
import Metrics

/// Webhook intake metrics:
/// `invoice_relay_webhooks_received_total{source,outcome}` and `invoice_relay_webhook_ingest_duration_seconds{source}`.
///
/// `source` is a configured source name or `unknown`, so label values stay bounded. Metric handles are
/// created once per label set and reused: this runs on every webhook.
final class IngestObserver: Sendable {
    private let factory: any MetricsFactory
    /// Called on every signature failure (reconciliation polls faster after a burst, e.g. a rotated secret).
    private let onSignatureFailure: @Sendable (String) -> Void
    private let counters = Mutex<[String: Counter]>([:])
    private let timers = Mutex<[String: CoreMetrics.Timer]>([:])

    init(factory: any MetricsFactory, onSignatureFailure: @escaping @Sendable (String) -> Void) {
        self.factory = factory
        self.onSignatureFailure = onSignatureFailure
    }

    func accepted(source: String, status: EventStatus, latency: Duration) {
        count(source, status.rawValue)
        record(source, latency)
    }

    func duplicate(source: String, latency: Duration) {
        count(source, WebhookOutcome.duplicate)
        record(source, latency)
    }

    /// Counts a refused delivery as outcome `rejected_<reason>`; signature failures also reach `onSignatureFailure`.
    func rejected(source: String, reason: String) {
        count(source, WebhookOutcome.rejected(reason))
        if !Self.notSignatureFailures.contains(reason) { onSignatureFailure(source) }
    }

    /// Rejection reasons that say nothing about the signature (a verified body that is not JSON included).
    private static let notSignatureFailures: Set<String> = ["unknown_source", "body_too_large", "storage_error", "invalid_payload"]

    private func count(_ source: String, _ outcome: String) {
        let counter = counters.withLock { cache in
            let key = source + "\u{1F}" + outcome
            if let counter = cache[key] { return counter }
            let counter = Counter(
                label: MetricName.webhooksReceived.rawValue,
                dimensions: [(MetricLabel.source.rawValue, source), (MetricLabel.outcome.rawValue, outcome)], factory: factory
            )
            cache[key] = counter
            return counter
        }
        counter.increment()
    }

    private func record(_ source: String, _ latency: Duration) {
        let timer = timers.withLock { cache in
            if let timer = cache[source] { return timer }
            let timer = CoreMetrics.Timer(
                label: MetricName.webhookIngestDuration.rawValue, dimensions: [(MetricLabel.source.rawValue, source)], factory: factory
            )
            cache[source] = timer
            return timer
        }
        timer.record(duration: latency)
    }
}
