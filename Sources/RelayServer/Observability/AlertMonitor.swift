import AsyncAlgorithms
package import AsyncHTTPClient
package import CoreMetrics
import Foundation
import InvoiceDomain
package import Logging
import NIOCore
import ServiceLifecycle
import NIOHTTP1

/// Evaluates alert thresholds over a sliding window of ``AlertSignals`` on a fixed cadence.
///
/// Each alert is exposed as `invoice_relay_alert_active{alert=...}` (0 or 1), logged once when it
/// changes, and optionally POSTed to a Slack-compatible webhook (`{"text": ...}`).
package actor AlertMonitor: Service {
    /// One threshold rule; `firing` reads the window snapshot.
    package struct Rule: Sendable {
        package var name: String
        package var describe: @Sendable (AlertSignals.Snapshot) -> String
        package var firing: @Sendable (AlertSignals.Snapshot) -> Bool
    }

    package struct Change: Sendable, Equatable {
        package var alert: String
        package var active: Bool
        package var detail: String
    }

    private let rules: [Rule]
    private let signals: AlertSignals
    private let settings: AlertSettings
    private let metrics: any MetricsFactory
    private let logger: Logger
    private let httpClient: HTTPClient?
    private var active: Set<String> = []

    package init(settings: AlertSettings, signals: AlertSignals, metrics: any MetricsFactory, logger: Logger, httpClient: HTTPClient?) {
        self.settings = settings
        self.signals = signals
        self.metrics = metrics
        self.logger = logger
        self.httpClient = httpClient
        self.rules = Self.rules(settings)
        for rule in rules { Gauge(label: MetricName.alertActive.rawValue, dimensions: [(MetricLabel.alert.rawValue, rule.name)], factory: metrics).record(0) }
    }

    /// The shipped rules; `config/prometheus-alerts.yml` holds the same ones as Prometheus rules.
    package static func rules(_ s: AlertSettings) -> [Rule] {
        [
            Rule(name: "ingest_latency_p95", describe: { "webhook ingest p95 \(ms($0.ingestP95)) > \(ms(s.ingestP95Seconds))" }) { ($0.ingestP95 ?? 0) > s.ingestP95Seconds },
            Rule(name: "delivery_latency_p95", describe: { "delivery attempt p95 \(ms($0.deliveryP95)) > \(ms(s.deliveryP95Seconds))" }) { ($0.deliveryP95 ?? 0) > s.deliveryP95Seconds },
            Rule(name: "error_rate", describe: { "error rate \(percent($0.errorRate)) > \(percent(s.errorRate))" }) { ($0.errorRate ?? 0) > s.errorRate },
            Rule(name: "circuit_open", describe: { "a provider circuit has been open \(Int($0.longestOpenCircuit)) s" }) { $0.longestOpenCircuit > s.circuitOpenSeconds },
            Rule(name: "reconciliation_lag", describe: { "reconciliation lag \(Int($0.reconciliationLag)) s" }) { $0.reconciliationLag > s.reconciliationLagSeconds },
            Rule(name: "hard_bounce_rate", describe: { "e-mail hard-bounce rate \(percent($0.hardBounceRate)) > \(percent(s.hardBounceRate))" }) { ($0.hardBounceRate ?? 0) > s.hardBounceRate },
            Rule(name: "complaint_rate", describe: { "e-mail complaint rate \(percent($0.complaintRate)) > \(percent(s.complaintRate))" }) { ($0.complaintRate ?? 0) > s.complaintRate },
            Rule(name: "credentials_failure", describe: { "\($0.credentialFailures) credential failure(s) in the window" }) { $0.credentialFailures > 0 },
        ]
    }

    /// Evaluates every rule once; returns the alerts that changed state.
    @discardableResult
    package func evaluate() async -> [Change] {
        let snapshot = signals.snapshot()
        var changes: [Change] = []
        for rule in rules {
            let firing = rule.firing(snapshot)
            guard firing != active.contains(rule.name) else { continue }
            if firing { active.insert(rule.name) } else { active.remove(rule.name) }
            Gauge(label: MetricName.alertActive.rawValue, dimensions: [(MetricLabel.alert.rawValue, rule.name)], factory: metrics).record(firing ? 1 : 0)
            let change = Change(alert: rule.name, active: firing, detail: rule.describe(snapshot))
            changes.append(change)
            if firing {
                logger.error("alert firing", metadata: ["alert": .string(rule.name), "detail": .string(change.detail)])
            } else {
                logger.notice("alert resolved", metadata: ["alert": .string(rule.name)])
            }
            await notify(change)
        }
        return changes
    }

    package var activeAlerts: Set<String> { active }

    package func run() async throws {
        let interval = Duration.milliseconds(Int64(settings.evaluateEverySeconds * 1000))
        for await _ in AsyncTimerSequence(interval: interval, clock: .continuous).cancelOnGracefulShutdown() {
            await evaluate()
        }
    }

    private func notify(_ change: Change) async {
        guard let url = settings.webhookURL, let httpClient else { return }
        let text = change.active ? ":rotating_light: InvoiceRelay alert \(change.alert): \(change.detail)" : ":white_check_mark: InvoiceRelay alert \(change.alert) resolved"
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let body = (try? JSONSerialization.data(withJSONObject: ["text": text])) ?? Data()
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await httpClient.execute(request, timeout: .seconds(5))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if response.status.code >= 300 { logger.warning("alert webhook answered \(response.status.code)") }
        } catch {
            logger.warning("alert webhook unreachable", metadata: ["error": "\(type(of: error))"])
        }
    }

    private static func ms(_ seconds: Double?) -> String { seconds.map { "\(Int(($0 * 1000).rounded())) ms" } ?? "n/a" }
    private static func percent(_ rate: Double?) -> String { rate.map { String(format: "%.1f%%", $0 * 100) } ?? "n/a" }
}
