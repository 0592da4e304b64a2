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
    typealias Outcome = DeliveryOutcome

    let factory: any MetricsFactory

    /// `invoice_relay_deliveries_total{channel,provider,outcome}`.
    func delivery(channel: Channel, provider: String?, outcome: Outcome) {
        Counter(
            label: MetricName.deliveries.rawValue,
            dimensions: [(MetricLabel.channel.rawValue, channel.rawValue), (MetricLabel.provider.rawValue, provider ?? "none"), (MetricLabel.outcome.rawValue, outcome.rawValue)],
            factory: factory
        ).increment()
    }

    /// `invoice_relay_delivery_attempt_duration_seconds{provider}`.
    func attemptDuration(provider: String, seconds: TimeInterval) {
        let nanoseconds = Int64((max(seconds, 0) * 1e9).rounded())
        CoreMetrics.Timer(label: MetricName.deliveryAttemptDuration.rawValue, dimensions: [(MetricLabel.provider.rawValue, provider)], factory: factory)
            .recordNanoseconds(nanoseconds)
    }

    /// `invoice_relay_delivery_retries_total{provider}`.
    func retry(provider: String) {
        Counter(label: MetricName.deliveryRetries.rawValue, dimensions: [(MetricLabel.provider.rawValue, provider)], factory: factory).increment()
    }

    /// `invoice_relay_circuit_state{provider}`: 0 closed, 1 half-open, 2 open.
    func circuit(provider: String, state: CircuitBreaker.State) {
        let value: Double = switch state {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
        Gauge(label: MetricName.circuitState.rawValue, dimensions: [(MetricLabel.provider.rawValue, provider)], factory: factory).record(value)
    }

    /// `invoice_relay_possible_duplicates_total{provider}`: an in-doubt delivery resent without a provider lookup.
    func possibleDuplicate(provider: String) {
        Counter(label: MetricName.possibleDuplicates.rawValue, dimensions: [(MetricLabel.provider.rawValue, provider)], factory: factory).increment()
    }

    /// `invoice_relay_rate_limit_waits_total{provider}`: a send waited for (or was deferred by) a token bucket.
    func rateLimitWait(provider: String) {
        Counter(label: MetricName.rateLimitWaits.rawValue, dimensions: [(MetricLabel.provider.rawValue, provider)], factory: factory).increment()
    }

    /// `invoice_relay_provider_credential_failures_total{provider}`.
    func credentialFailure(provider: String) {
        Counter(label: MetricName.providerCredentialFailures.rawValue, dimensions: [(MetricLabel.provider.rawValue, provider)], factory: factory).increment()
    }

    /// `invoice_relay_outbox_pending` (pending + retry scheduled) and `invoice_relay_outbox_oldest_due_age_seconds`.
    func outbox(_ stats: OutboxStats) {
        Gauge(label: MetricName.outboxPending.rawValue, factory: factory).record(Double(stats.pending + stats.retryScheduled))
        Gauge(label: MetricName.outboxOldestDueAge.rawValue, factory: factory).record(stats.oldestDueAge)
    }
}
