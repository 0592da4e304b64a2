package import Hummingbird
import Logging
import Reconciliation

extension RelayApp {
    /// The HTTP application: the routes, and every long-lived resource of ``services`` in the same
    /// `ServiceGroup`, started before the server and stopped after it (see ``RelayServices``).
    /// - Parameter onServerRunning: called with the bound port once the server listens (port 0 picks one).
    package func application(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let server = configuration.server
        return Application(
            router: buildRouter(),
            configuration: .init(address: .hostname(server.host, port: server.port), serverName: "invoice-relay"),
            services: services.all,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? server.port) },
            logger: options.logger
        )
    }

    /// Webhooks, health and metrics, the admin API and the web console.
    func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: APIErrorMiddleware())
        let reconciliation = services.reconciliation
        let reconciledSource = configuration.reconciliation.source
        let observer = IngestObserver(
            factory: metrics,
            onSignatureFailure: { source in if source == reconciledSource { reconciliation?.noteSignatureFailure() } }
        )
        WebhookRoutes(
            ingestor: ingestor, sources: configuration.sources.map(\.name),
            maxBodyBytes: configuration.server.maxBodyBytes, observer: observer
        ).register(on: router)
        HealthRoutes(probe: store, registry: registry, readiness: services.readiness).register(on: router)
        AdminRoutes(relay: self).register(on: router)
        if let feedback {
            CallbackRoutes(processor: feedback, publicURL: configuration.server.publicURL, maxBodyBytes: configuration.server.maxBodyBytes)
                .register(on: router)
        }
        ConsoleWiring.register(self, on: router)
        return router
    }
}
