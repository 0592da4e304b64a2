import CoreMetrics
import InvoiceDomain
import StoreSeams

/// `invoice_relay_delivery_feedback_total{provider,status}` and `invoice_relay_suppressions_total{channel,reason}`.
struct FeedbackMetrics: Sendable {
    let factory: any MetricsFactory

    func feedback(_ report: ProviderStatusReport) {
        Counter(
            label: MetricName.deliveryFeedback.rawValue,
            dimensions: [(MetricLabel.provider.rawValue, report.provider.rawValue), (MetricLabel.status.rawValue, report.status.rawValue)],
            factory: factory
        ).increment()
    }

    func suppression(channel: Channel, reason: SuppressionReason) {
        Counter(
            label: MetricName.suppressions.rawValue,
            dimensions: [(MetricLabel.channel.rawValue, channel.rawValue), (MetricLabel.reason.rawValue, reason.rawValue)],
            factory: factory
        ).increment()
    }
}
