import Foundation
import Hummingbird
import RelayConsole
import Logging

/// Builds the web console from the `console` and `server` sections and mounts it on the router.
enum ConsoleWiring {
    /// The console's options: its path and session lifetimes from `console`, a `Secure` cookie when `server.publicURL`
    /// is https, and the server's body limit for forms.
    static func options(_ config: RelayConfiguration) -> ConsoleOptions {
        ConsoleOptions(
            path: config.console.path,
            idleTimeout: config.console.sessionIdleMinutes * 60,
            absoluteTimeout: config.console.sessionAbsoluteHours * 3600,
            secureCookie: config.server.publicURL?.scheme?.lowercased() == "https",
            maxBodyBytes: config.server.maxBodyBytes
        )
    }

    /// Adds the console's routes when it is enabled. A console whose page templates cannot be loaded (a broken
    /// package) is logged and left out rather than stopping the webhooks with it.
    static func register(_ relay: RelayApp, on router: Router<BasicRequestContext>) {
        guard relay.configuration.console.enabled else { return }
        let alerts = relay.services.alerts
        let signals = relay.alertSignals
        do {
            let console = try RelayConsole(
                options: options(relay.configuration), service: relay.admin, sessionStore: relay.store, tokens: relay.store, clock: relay.options.clock,
                logger: relay.options.logger,
                health: {
                    let active = await alerts?.activeAlerts.sorted() ?? []
                    let snapshot = signals.snapshot()
                    func seconds(_ value: Double?) -> String { value.map { String(format: "%.0f ms", $0 * 1000) } ?? "—" }
                    return ConsoleHealth(activeAlerts: active, signals: [
                        ("webhook ingest p95", seconds(snapshot.ingestP95)),
                        ("delivery attempt p95", seconds(snapshot.deliveryP95)),
                        ("error rate", snapshot.errorRate.map { String(format: "%.1f %%", $0 * 100) } ?? "—"),
                        ("credential failures", String(snapshot.credentialFailures)),
                        ("reconciliation lag", String(format: "%.0f s", snapshot.reconciliationLag)),
                    ])
                }
            )
            console.register(on: router)
        } catch {
            relay.options.logger.error("console disabled: \(error)")
        }
    }
}
