import Foundation
package import Hummingbird
package import InvoiceDomain
package import StoreSeams
package import Logging
package import RelayAdmin

/// The browser admin console: server-rendered pages over ``AdminService`` (every read and action goes
/// through it, so the console, the HTTP API and the CLI share one set of rules and one audit log).
///
/// Sign-in takes an API token and opens a session (``SessionManager``); each page needs one, each form
/// that changes state needs the session's CSRF value and, for mutations, an `admin`-scope token. Every
/// response carries the security headers of ``ConsoleHeadersMiddleware``.
package struct RelayConsole: Sendable {
    let options: ConsoleOptions
    let service: AdminService
    let sessions: SessionManager
    let throttle: SignInThrottle
    let renderer: PageRenderer
    let health: @Sendable () async -> ConsoleHealth
    let logger: Logger

    /// - Throws: when the console's page templates cannot be read or parsed (a packaging fault).
    package init(
        options: ConsoleOptions, service: AdminService, sessionStore: any ConsoleSessionStore, tokens: any TokenAuthentication, clock: any WallClock, logger: Logger,
        health: @escaping @Sendable () async -> ConsoleHealth = { .unavailable }
    ) throws {
        self.options = options
        self.service = service
        self.sessions = SessionManager(
            store: sessionStore, tokens: tokens, authenticator: AdminAuthenticator(store: tokens, clock: clock), clock: clock,
            idleTimeout: options.idleTimeout, absoluteTimeout: options.absoluteTimeout
        )
        self.throttle = SignInThrottle(limit: options.signInFailuresPerMinute, window: 60, clock: clock)
        self.renderer = try PageRenderer(basePath: options.path)
        self.health = health
        self.logger = logger
    }

    /// Adds the console's routes under ``ConsoleOptions/path``.
    package func register(on router: Router<BasicRequestContext>) {
        let group = router.group(RouterPath(options.path)).add(middleware: ConsoleHeadersMiddleware<BasicRequestContext>(renderer: renderer, logger: logger))
        let routes = ConsoleRoutes(console: self, group: group)
        ConsoleAssets.register(routes)
        SignInPages.register(routes)
        OverviewPage.register(routes)
        DeliveryPages.register(routes)
        EventPages.register(routes)
        InvoicePages.register(routes)
        TemplatePages.register(routes)
        AuditPage.register(routes)
        // Anything else under the console's path: an HTML 404 with the console's headers, not the API's JSON one.
        for method in [HTTPRequest.Method.get, .post] {
            routes.open(method, "**") { _, _ in
                throw ConsoleError(status: .notFound, title: "Not found", message: "There is no such console page.")
            }
        }
    }
}
