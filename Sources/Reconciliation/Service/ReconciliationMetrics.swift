import CoreMetrics
import Foundation
import InvoiceDomain

/// Reconciliation's metrics, created on an injected factory (never the global bootstrap). Label values are a fixed
/// set; never event, invoice or customer ids.
struct ReconciliationMetrics: Sendable {
    /// How a run ended (`outcome` label of `invoice_relay_reconciliation_runs_total`).
    enum Outcome: String, Sendable {
        case success
        case dryRun = "dry_run"
        case unauthorized
        case failed
        /// Stopped by shutdown; the cursor is at the last committed page.
        case cancelled
    }

    let factory: any MetricsFactory
    /// `provider` label of the credential-failure counter.
    let provider: String

    /// `invoice_relay_reconciliation_runs_total{outcome}`.
    func run(_ outcome: Outcome) {
        Counter(label: MetricName.reconciliationRuns.rawValue, dimensions: [(MetricLabel.outcome.rawValue, outcome.rawValue)], factory: factory).increment()
    }

    /// `invoice_relay_reconciliation_events_recovered_total`: events the provider had and we did not.
    func recovered(_ count: Int) {
        guard count > 0 else { return }
        Counter(label: MetricName.reconciliationEventsRecovered.rawValue, factory: factory).increment(by: Int64(count))
    }

    /// `invoice_relay_reconciliation_drift_corrections_total`: invoices corrected by a sweep.
    func driftCorrections(_ count: Int) {
        guard count > 0 else { return }
        Counter(label: MetricName.reconciliationDriftCorrections.rawValue, factory: factory).increment(by: Int64(count))
    }

    /// `invoice_relay_reconciliation_api_version_drift_total`: events rendered in another API version than pinned.
    func apiVersionDrift(_ count: Int) {
        guard count > 0 else { return }
        Counter(label: MetricName.reconciliationAPIVersionDrift.rawValue, factory: factory).increment(by: Int64(count))
    }

    /// `invoice_relay_reconciliation_lag_seconds`.
    func lag(_ seconds: TimeInterval) {
        Gauge(label: MetricName.reconciliationLag.rawValue, factory: factory).record(max(0, seconds))
    }

    /// `invoice_relay_provider_credential_failures_total{provider}`.
    func credentialFailure() {
        Counter(label: MetricName.providerCredentialFailures.rawValue, dimensions: [(MetricLabel.provider.rawValue, provider)], factory: factory).increment()
    }
}
