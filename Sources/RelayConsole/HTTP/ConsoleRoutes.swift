import Foundation
import Hummingbird
import RelayAdmin
import StoreSeams

/// Registers console handlers with the checks every page shares: a live session for every page, the CSRF
/// value for every POST, the `admin` scope for every mutation.
struct ConsoleRoutes {
    let console: RelayConsole
    let group: RouterGroup<BasicRequestContext>

    static let cookieName = "relay_console"

    /// What a POST may do: `read` forms (preview, sign-out) need a session and CSRF; `write` forms also an admin token.
    enum Access { case read, write }

    /// A page for any signed-in user; without a session the browser is sent to sign-in.
    func page(_ path: RouterPath, _ handler: @escaping @Sendable (ConsoleCall) async throws -> Response) {
        let console = console
        group.get(path) { request, context in
            guard let user = try await Self.currentUser(request, console) else { return Self.signInRedirect(console) }
            return try await handler(ConsoleCall(console: console, request: request, context: context, user: user, form: FormFields(pairs: [])))
        }
    }

    /// A form target. The session comes first, then the CSRF value, then the scope: a read session gets 403 for a
    /// mutation even with a valid form.
    func form(_ path: RouterPath, access: Access, _ handler: @escaping @Sendable (ConsoleCall) async throws -> Response) {
        let console = console
        group.post(path) { request, context in
            guard let user = try await Self.currentUser(request, console) else { return Self.signInRedirect(console) }
            let form = try await Self.form(request, limit: console.options.maxBodyBytes)
            guard SessionManager.csrfMatches(form["csrf"], user.session.csrfToken) else { throw ConsoleError.csrf }
            if access == .write, !user.canWrite { throw ConsoleError.readOnly }
            return try await handler(ConsoleCall(console: console, request: request, context: context, user: user, form: form))
        }
    }

    /// A route that needs no session (sign-in, static files).
    func open(_ method: HTTPRequest.Method, _ path: RouterPath, _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
        group.on(path, method: method, use: handler)
    }

    static func currentUser(_ request: Request, _ console: RelayConsole) async throws -> ConsoleUser? {
        guard let cookie = request.cookies[cookieName]?.value else { return nil }
        return try await console.sessions.user(cookie: cookie)
    }

    static func signInRedirect(_ console: RelayConsole) -> Response {
        ConsoleCall.redirect(console.options.path + "/sign-in")
    }

    /// Reads a url-encoded form body (CRLF line ends, as browsers send them from a textarea, become LF).
    static func form(_ request: Request, limit: Int) async throws -> FormFields {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw ConsoleError(status: .contentTooLarge, title: "Too large", message: "The form is larger than \(limit) bytes.")
        }
        let text = String(buffer: buffer)
        let form = FormFields(encoded: text)
        return FormFields(pairs: form.pairs.map { ($0.0, $0.1.replacingOccurrences(of: "\r\n", with: "\n")) })
    }
}
