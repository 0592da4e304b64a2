import HTTPTypes
import Hummingbird
import Logging
import RelayAdmin

/// Wraps every console route: turns whatever a handler throws into an HTML error page (never an empty 500),
/// and adds the security headers to every response a handler did not set itself.
///
/// - `Content-Security-Policy: default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'`: no inline
///   script or style runs, and no other site frames the console.
/// - `X-Frame-Options: DENY` for browsers without CSP 2; `Referrer-Policy: no-referrer`; `X-Content-Type-Options: nosniff`;
///   `Cache-Control: no-store` (pages show data a shared cache must not keep).
///
/// The template preview frame sets its own, stricter policy that allows framing by the console itself.
struct ConsoleHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer
    let logger: Logger

    static var securityHeaders: [(HTTPField.Name, String)] {
        [
            (.contentSecurityPolicy, "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
            (HTTPField.Name("X-Frame-Options")!, "DENY"),
            (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
            (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
            (.cacheControl, "no-store"),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as ConsoleError {
            response = renderer.errorPage(status: error.status, title: error.title, message: error.message)
        } catch let error as AdminError {
            response = renderer.errorPage(status: Self.status(error.kind), title: Self.title(error.kind), message: error.message)
        } catch let error as HTTPError {
            response = renderer.errorPage(status: error.status, title: error.status.reasonPhrase, message: error.body ?? error.status.reasonPhrase)
        } catch {
            logger.error("console: unhandled error", metadata: ["error": "\(type(of: error))", "path": .string(request.uri.path)])
            response = renderer.errorPage(status: .internalServerError, title: "Internal error", message: "Something went wrong; the error was logged.")
        }
        for (name, value) in Self.securityHeaders where response.headers[name] == nil {
            response.headers[name] = value
        }
        return response
    }

    static func status(_ kind: AdminError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .badRequest: .badRequest
        case .notFound: .notFound
        case .conflict: .conflict
        case .unprocessable: .unprocessableContent
        case .unauthorized: .unauthorized
        }
    }

    static func title(_ kind: AdminError.Kind) -> String {
        switch kind {
        case .badRequest: "Bad request"
        case .notFound: "Not found"
        case .conflict: "Not possible now"
        case .unprocessable: "Not valid"
        case .unauthorized: "Not signed in"
        }
    }
}
