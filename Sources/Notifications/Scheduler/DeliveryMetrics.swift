import CoreMetrics
import Foundation
import InvoiceDomain
import StoreSeams

/// The scheduler's metrics, created on an injected factory (never the global bootstrap).
///
/// Label values are bounded: channels, configured provider names (`none` before a provider was
/// chosen) and a fixed set of outcomes; never invoice or customer ids.
struct DeliveryMetrics: Sendable {
    /// How a delivery left a processing round (`outcome` label).
    enum Outcome: String, Sendable {
        case sent, retry, failed, dead, cancelled, deferred
        /// `complete` found the lease gone: another worker owns the delivery now.
        case leaseLost = "lease_lost"
    }

    let factory: any MetricsFactory

    /// `invoice_relay_deliveries_total{channel,provider,outcome}`.
    func delivery(channel: Channel, provider: String?, outcome: Outcome) {
        Counter(
            label: "invoice_relay_deliveries_total",
            dimensions: [("channel", channel.rawValue), ("provider", provider ?? "none"), ("outcome", outcome.rawValue)],
            factory: factory
        ).increment()
    }

    /// `invoice_relay_delivery_attempt_duration_seconds{provider}`.
    func attemptDuration(provider: String, seconds: TimeInterval) {
        let nanoseconds = Int64((max(seconds, 0) * 1e9).rounded())
        CoreMetrics.Timer(label: "invoice_relay_delivery_attempt_duration_seconds", dimensions: [("provider", provider)], factory: factory)
            .recordNanoseconds(nanoseconds)
    }

    /// `invoice_relay_delivery_retries_total{provider}`.
    func retry(provider: String) {
        Counter(label: "invoice_relay_delivery_retries_total", dimensions: [("provider", provider)], factory: factory).increment()
    }

    /// `invoice_relay_circuit_state{provider}`: 0 closed, 1 half-open, 2 open.
    func circuit(provider: String, state: CircuitBreaker.State) {
        let value: Double = switch state {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
        Gauge(label: "invoice_relay_circuit_state", dimensions: [("provider", provider)], factory: factory).record(value)
    }

    /// `invoice_relay_rate_limit_waits_total{provider}`: a send waited for (or was deferred by) a token bucket.
    func rateLimitWait(provider: String) {
        Counter(label: "invoice_relay_rate_limit_waits_total", dimensions: [("provider", provider)], factory: factory).increment()
    }

    /// `invoice_relay_provider_credential_failures_total{provider}`.
    func credentialFailure(provider: String) {
        Counter(label: "invoice_relay_provider_credential_failures_total", dimensions: [("provider", provider)], factory: factory).increment()
    }

    /// `invoice_relay_outbox_pending` (pending + retry scheduled) and `invoice_relay_outbox_oldest_due_age_seconds`.
    func outbox(_ stats: OutboxStats) {
        Gauge(label: "invoice_relay_outbox_pending", factory: factory).record(Double(stats.pending + stats.retryScheduled))
        Gauge(label: "invoice_relay_outbox_oldest_due_age_seconds", factory: factory).record(stats.oldestDueAge)
    }
}
