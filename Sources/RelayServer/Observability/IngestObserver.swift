import CoreMetrics
import Foundation
import InvoiceStore

/// Webhook intake metrics:
/// `invoice_relay_webhooks_received_total{source,outcome}` and `invoice_relay_webhook_ingest_duration_seconds{source}`.
///
/// `source` is a configured source name or `unknown`, so label values stay bounded.
struct IngestObserver: Sendable {
    let factory: any MetricsFactory
    /// Called on every signature failure (reconciliation watches for bursts after a secret rotation).
    let onSignatureFailure: @Sendable (String) -> Void

    func accepted(source: String, status: EventStatus, latency: Duration) {
        count(source, status.rawValue)
        record(source, latency)
    }

    func duplicate(source: String, latency: Duration) {
        count(source, "duplicate")
        record(source, latency)
    }

    func rejected(source: String, reason: String) {
        count(source, "rejected_" + reason)
        if reason != "unknown_source" && reason != "body_too_large" && reason != "storage_error" { onSignatureFailure(source) }
    }

    private func count(_ source: String, _ outcome: String) {
        Counter(label: "invoice_relay_webhooks_received_total", dimensions: [("source", source), ("outcome", outcome)], factory: factory).increment()
    }

    private func record(_ source: String, _ latency: Duration) {
        Timer(label: "invoice_relay_webhook_ingest_duration_seconds", dimensions: [("source", source)], factory: factory).record(duration: latency)
    }
}
