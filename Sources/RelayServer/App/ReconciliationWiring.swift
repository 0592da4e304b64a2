import AsyncHTTPClient
import Foundation
import NIOCore
import Reconciliation

/// Builds polling reconciliation from ``ReconciliationSettings``: `serve` runs ``ReconciliationService`` in its
/// service group, `invoice-relay reconcile` calls ``RelayApp/runReconciliation(dryRun:since:progress:)`` once.
extension RelayApp {
    /// An HTTP client suited to Stripe (no redirects, explicit timeouts from the settings). The caller shuts it
    /// down after the reconciler is done with it.
    public func makeReconciliationHTTPClient() -> HTTPClient {
        let timeout = TimeAmount.milliseconds(Int64((options.configuration.reconciliation.timeoutSeconds * 1000).rounded()))
        return HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: StripeAPIConfiguration.httpClientConfiguration(connectTimeout: min(timeout, .seconds(10)), readTimeout: timeout)
        )
    }

    /// The reconciler the settings describe, or `nil` when reconciliation is disabled (unless `ignoringEnabled`).
    ///
    /// - Parameters:
    ///   - httpClient: From ``makeReconciliationHTTPClient()``; owned by the caller.
    ///   - ignoringEnabled: Build it even when `reconciliation.enabled` is false (the CLI's explicit one-shot run).
    /// - Throws: ``ConfigurationError`` for invalid settings or a missing secret key (named by variable, never value).
    public func makeReconciler(httpClient: HTTPClient, ignoringEnabled: Bool = false) throws -> Reconciler? {
        let settings = options.configuration.reconciliation
        guard settings.enabled || ignoringEnabled else { return nil }
        try Self.validate(settings)
        let secretKey = try options.secrets.require(settings.secretKey, for: "reconciliation.secretKey")
        let api = StripeAPIConfiguration(
            baseURL: settings.baseURL,
            secretKey: secretKey,
            stripeVersion: settings.stripeVersion,
            timeout: .milliseconds(Int64((settings.timeoutSeconds * 1000).rounded()))
        )
        let configuration = ReconcilerConfiguration(
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
            configuration: configuration,
            clock: options.clock,
            metrics: metrics,
            logger: options.logger
        )
    }

    /// The polling service around `reconciler`, with the cadence from the settings.
    ///
    /// Wire ``ReconciliationService/noteSignatureFailure()`` to webhook signature failures of the reconciled source.
    public func makeReconciliationService(reconciler: Reconciler) -> ReconciliationService {
        let settings = options.configuration.reconciliation
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
            logger: options.logger
        )
    }

    /// One reconciliation run with its own HTTP client, whatever `reconciliation.enabled` says (the CLI).
    /// - Throws: ``ConfigurationError`` for settings problems, ``ReconcileError`` for provider failures.
    public func runReconciliation(
        dryRun: Bool,
        since: Date?,
        progress: (@Sendable (ReconcileProgress) -> Void)? = nil
    ) async throws -> ReconcileReport {
        let httpClient = makeReconciliationHTTPClient()
        let result: Result<ReconcileReport, any Error>
        do {
            guard let reconciler = try makeReconciler(httpClient: httpClient, ignoringEnabled: true) else {
                throw ConfigurationError("reconciliation: could not be configured")
            }
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
    public func reconciliationProbes(_ service: ReconciliationService) -> [(name: String, isHealthy: @Sendable () -> Bool)] {
        [
            ("reconciliation_running", { service.isRunning }),
            ("reconciliation_credentials", { !service.credentialsRejected }),
        ]
    }

    // MARK: - Validation

    static func validate(_ settings: ReconciliationSettings) throws {
        func check(_ condition: Bool, _ message: String) throws {
            if !condition { throw ConfigurationError("reconciliation.\(message)") }
        }
        try check(!settings.source.isEmpty, "source must not be empty")
        try check(settings.baseURL.hasPrefix("http://") || settings.baseURL.hasPrefix("https://"), "baseURL must be an http(s) URL")
        try check(!settings.stripeVersion.isEmpty, "stripeVersion must not be empty")
        try check((1...100).contains(settings.pageLimit), "pageLimit must be between 1 and 100")
        try check(settings.intervalSeconds > 0, "intervalSeconds must be positive")
        try check(settings.fastIntervalSeconds > 0, "fastIntervalSeconds must be positive")
        try check(settings.overlapSeconds >= 0, "overlapSeconds must not be negative")
        try check(settings.requestsPerSecond > 0, "requestsPerSecond must be positive")
        try check(settings.webhookSilenceSeconds > 0, "webhookSilenceSeconds must be positive")
        try check(settings.signatureFailureBurst > 0, "signatureFailureBurst must be positive")
        try check(settings.eventRetentionDays > 0, "eventRetentionDays must be positive")
        try check(settings.timeoutSeconds > 0, "timeoutSeconds must be positive")
        try check(settings.maxRetries >= 0, "maxRetries must not be negative")
    }
}
