package import AsyncHTTPClient
package import Foundation
import InvoiceDomain
import NIOCore
package import Reconciliation

/// Builds polling reconciliation from ``ReconciliationSettings``: `serve` runs ``ReconciliationService`` in its
/// service group, `invoice-relay reconcile` calls ``RelayApp/runReconciliation(dryRun:since:progress:)`` once.
extension RelayApp {
    /// An HTTP client suited to Stripe (no redirects, explicit timeouts from the settings). The caller shuts it
    /// down after the reconciler is done with it.
    package func makeReconciliationHTTPClient() -> HTTPClient {
        let timeout = TimeAmount.milliseconds(Int64((configuration.reconciliation.timeoutSeconds * 1000).rounded()))
        return HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: StripeAPIConfiguration.httpClientConfiguration(connectTimeout: min(timeout, .seconds(10)), readTimeout: timeout)
        )
    }

    /// The reconciler the settings describe (whether or not `reconciliation.enabled` is set: the CLI's one-shot
    /// run uses it too).
    ///
    /// - Parameter httpClient: From ``makeReconciliationHTTPClient()``; owned by the caller.
    /// - Throws: ``ConfigurationError`` for a missing secret key (named by variable, never value).
    package func makeReconciler(httpClient: HTTPClient) throws -> Reconciler {
        let settings = configuration.reconciliation
        let secretKey = try options.secrets.require(settings.secretKey, for: "reconciliation.secretKey")
        let api = StripeAPIConfiguration(
            baseURL: settings.baseURL.absoluteString,
            secretKey: secretKey,
            stripeVersion: settings.stripeVersion,
            timeout: .milliseconds(Int64((settings.timeoutSeconds * 1000).rounded()))
        )
        let reconcilerConfiguration = ReconcilerConfiguration(
            source: settings.source,
            pageLimit: settings.pageLimit,
            overlap: settings.overlapSeconds,
            requestsPerSecond: settings.requestsPerSecond,
            maxRetries: settings.maxRetries,
            eventRetention: TimeInterval(settings.eventRetentionDays) * 86_400
        )
        return Reconciler(
            client: StripeAPIClient(configuration: api, client: httpClient, clock: options.clock),
            store: store,
            configuration: reconcilerConfiguration,
            clock: options.clock,
            metrics: metrics,
            logger: options.logger
        )
    }

    /// The polling service around `reconciler`, with the cadence from the settings.
    ///
    /// Wire ``ReconciliationService/noteSignatureFailure()`` to webhook signature failures of the reconciled source.
    /// - Parameter leadership: who polls among relays sharing the database (`nil`: this relay always polls).
    package func makeReconciliationService(reconciler: Reconciler, leadership: Leadership? = nil) -> ReconciliationService {
        let settings = configuration.reconciliation
        return ReconciliationService(
            reconciler: reconciler,
            store: store,
            cadence: ReconciliationCadence(
                interval: settings.intervalSeconds,
                fastInterval: settings.fastIntervalSeconds,
                webhookSilence: settings.webhookSilenceSeconds,
                signatureFailureBurst: settings.signatureFailureBurst
            ),
            clock: options.clock,
            logger: options.logger,
            pollingAllowed: { leadership?.isLeader(.reconciliation) ?? true }
        )
    }

    /// One reconciliation run with its own HTTP client, whatever `reconciliation.enabled` says (the CLI).
    /// - Throws: ``ConfigurationError`` for settings problems, ``ReconcileError`` for provider failures.
    package func runReconciliation(
        dryRun: Bool,
        since: Date?,
        progress: (@Sendable (ReconcileProgress) -> Void)? = nil
    ) async throws -> ReconcileReport {
        let httpClient = makeReconciliationHTTPClient()
        let result: Result<ReconcileReport, any Error>
        do {
            let reconciler = try makeReconciler(httpClient: httpClient)
            result = .success(try await reconciler.runOnce(dryRun: dryRun, since: since, progress: progress))
        } catch {
            result = .failure(error)
        }
        try? await httpClient.shutdown()
        return try result.get()
    }

    /// Probes for ``ReadinessChecks`` or alerting: `reconciliation_running` (the polling loop is alive) and
    /// `reconciliation_credentials` (the provider accepts the API key).
    ///
    /// Failing readiness on credentials takes the webhook listener out of rotation too; prefer it for alerts.
    package func reconciliationProbes(_ service: ReconciliationService) -> [(name: String, isHealthy: @Sendable () -> Bool)] {
        [
            ("reconciliation_running", { service.isRunning }),
            ("reconciliation_credentials", { !service.credentialsRejected }),
        ]
    }
}
