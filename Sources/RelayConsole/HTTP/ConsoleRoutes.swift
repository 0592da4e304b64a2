import Foundation
import Hummingbird
import RelayAdmin

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

/// One console request as a page handler sees it.
struct ConsoleCall: Sendable {
    let console: RelayConsole
    let request: Request
    let context: BasicRequestContext
    let user: ConsoleUser
    let form: FormFields

    var service: AdminService { console.service }
    var base: String { console.options.path }
    var query: FormFields { FormFields(encoded: request.uri.query ?? "") }

    /// The filled query fields among `names`, checked by the admin service's strict parameter rules.
    func parameters(_ names: Set<String>) throws -> AdminParameters {
        try AdminParameters(query.filled(names), allowed: names)
    }

    /// A path parameter.
    func path(_ name: String) throws -> String {
        guard let value = context.parameters.get(name) else { throw ConsoleError.badRequest("missing '\(name)' in the address") }
        return value
    }

    /// A positive integer id from the path.
    func id(_ name: String) throws -> Int64 {
        guard let id = Int64(try path(name)), id > 0 else { throw ConsoleError(status: .notFound, title: "Not found", message: "No such \(name).") }
        return id
    }

    func templateRef() throws -> TemplateRef {
        try TemplateRef(channel: path("channel"), kind: path("kind"), locale: path("locale"))
    }

    /// Renders `template` inside the console layout.
    func page(_ template: String, title: String, section: String, status: HTTPResponse.Status = .ok, _ values: [String: Any]) -> Response {
        console.renderer.page(template, title: title, section: section, user: user, notice: notice, status: status, values)
    }

    /// The message of a `notice` code in the query (set by redirects after a successful form): fixed texts only,
    /// so a crafted link cannot make the console say something else.
    var notice: String? {
        guard let code = query["notice"] else { return nil }
        let n = query["n"].flatMap { Int($0) }.map(String.init) ?? ""
        switch code {
        case "saved": return "Saved as version \(n)."
        case "unchanged": return "Nothing changed: the content is the same as the current version."
        case "rolled_back": return "Rolled back: the old content is now version \(n)."
        case "replayed": return "Delivery re-queued."
        case "resent": return "Delivery re-queued for a deliberate resend."
        case "bulk_replayed": return "Re-queued \(n) deliveries."
        case "reprocessed": return "Event re-processed."
        default: return nil
        }
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
