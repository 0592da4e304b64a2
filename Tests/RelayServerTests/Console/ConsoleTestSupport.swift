import AsyncHTTPClient
import Foundation
import Testing
import InvoiceDomain
import NIOHTTP1
@testable import RelayServer

/// A minimal browser for console tests: keeps the session cookie, sends forms, reads the CSRF value out of pages.
struct ConsoleBrowser: Sendable {
    let relay: RelayHarness
    var cookie: String?

    init(_ relay: RelayHarness, cookie: String? = nil) {
        self.relay = relay
        self.cookie = cookie
    }

    /// Signs in with `token` as a browser does (the form page first, for its double-submit value); on success the
    /// browser holds the session cookie.
    @discardableResult
    mutating func signIn(_ token: String, headers: [(String, String)] = []) async throws -> RelayHarness.Reply {
        let form = try await relay.request(.GET, "/console/sign-in")
        let value = try #require(Self.csrf(in: form.text))
        let formCookie = try #require(Self.cookie("relay_console_signin", in: form))
        let reply = try await relay.request(
            .POST, "/console/sign-in",
            headers: [("Cookie", "relay_console_signin=\(formCookie)"), ("Content-Type", "application/x-www-form-urlencoded")] + headers,
            body: Array("csrf=\(value)&token=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")".utf8)
        )
        if let value = Self.sessionCookie(reply) { cookie = value }
        return reply
    }

    static func cookie(_ name: String, in reply: RelayHarness.Reply) -> String? {
        reply.headers["Set-Cookie"].first { $0.hasPrefix(name + "=") }
            .flatMap { $0.split(separator: ";").first }
            .map { String($0.dropFirst(name.count + 1)) }
    }

    func get(_ path: String) async throws -> RelayHarness.Reply {
        try await relay.request(.GET, path, headers: cookieHeader)
    }

    /// POSTs a url-encoded form (fields in the order given).
    func post(_ path: String, _ fields: KeyValuePairs<String, String>, headers: [(String, String)] = []) async throws -> RelayHarness.Reply {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
        return try await relay.request(
            .POST, path, headers: cookieHeader + headers + [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8)
        )
    }

    /// The CSRF value the page at `path` embeds in its forms.
    func csrf(from path: String = "/console") async throws -> String {
        let page = try await get(path)
        guard let value = Self.csrf(in: page.text) else { throw ConsoleTestError.noCSRF(page.status) }
        return value
    }

    private var cookieHeader: [(String, String)] { cookie.map { [("Cookie", "relay_console=\($0)")] } ?? [] }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression) else { return nil }
        return html[range].components(separatedBy: "value=\"")[1].replacingOccurrences(of: "\"", with: "")
    }

    /// The value of the `relay_console` cookie a response sets, if any.
    static func sessionCookie(_ reply: RelayHarness.Reply) -> String? {
        setCookie(reply).flatMap { header in
            header.split(separator: ";").first.map { String($0.dropFirst("relay_console=".count)) }
        }
    }

    static func setCookie(_ reply: RelayHarness.Reply) -> String? {
        reply.headers["Set-Cookie"].first { $0.hasPrefix("relay_console=") }
    }
}

enum ConsoleTestError: Error { case noCSRF(Int) }

extension RelayHarness.Reply {
    var location: String? { headers["Location"].first }
}

/// The console's suites, run one test at a time: each starts a whole relay and renders pages on the shared event
/// loops, and running them all at once starves timing-sensitive tests of other suites on two cores.
@Suite(.serialized) enum ConsoleTests {}

/// Runs `body` against a relay with the shipped templates (loaded by the build, as `serve` does), an admin token and
/// a read token.
func withConsole<T: Sendable>(
    clock: ManualClock = ManualClock(AdminFixture.now), configure: (inout RelayConfiguration) -> Void = { _ in },
    _ body: @Sendable (RelayHarness, _ admin: String, _ read: String) async throws -> T
) async throws -> T {
    var configuration = RelayHarness.configuration()
    configure(&configuration)
    return try await RelayHarness.run(configuration: configuration, clock: clock) { relay in
        let admin = try await AdminFixture.adminToken(relay, clock: clock)
        let read = try await AdminFixture.readToken(relay, clock: clock)
        return try await body(relay, admin, read)
    }
}
