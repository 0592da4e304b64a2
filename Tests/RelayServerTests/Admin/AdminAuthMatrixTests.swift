import AsyncHTTPClient
import Foundation
import Hummingbird
import InvoiceDomain
import InvoiceStore
import NIOHTTP1
@testable import RelayServer
import StoreSeams
import Testing
import RelayAdmin

/// Every `/v1` route × every kind of credential: missing, garbage, well-formed but unknown, expired,
/// revoked (all 401), read-only (403 on writes, allowed on reads) and admin (allowed).
@Suite struct AdminAuthMatrixTests {
    /// The routes as registered on a real router, with sample values in place of path parameters.
    static func registeredRoutes(_ relay: RelayHarness) -> [(method: HTTPMethod, path: String, scope: TokenScope)] {
        let service = AdminFixture.service(relay, clock: ManualClock(AdminFixture.now))
        let scopes = Dictionary(AdminRoutes.routes(service).map { ("\($0.method.rawValue) \($0.path)", $0.scope) }, uniquingKeysWith: { a, _ in a })
        let router = Router(context: BasicRequestContext.self)
        AdminRoutes(relay: relay.relay).register(on: router)
        return router.routes.filter { $0.path.description.hasPrefix("/v1/") }.map { route in
            let path = route.path.description
                .replacingOccurrences(of: "{channel}", with: "email").replacingOccurrences(of: "{kind}", with: "overdue")
                .replacingOccurrences(of: "{locale}", with: "en").replacingOccurrences(of: "{id}", with: "1")
                .replacingOccurrences(of: "{version}", with: "1")
            return (HTTPMethod(rawValue: route.method.rawValue), path, scopes["\(route.method.rawValue) \(route.path.description)"] ?? .admin)
        }
    }

    @Test func everyRouteEnforcesTokensAndScopes() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            try await AdminFixture.seedTemplates(relay)
            let service = AdminFixture.service(relay, clock: clock)
            let admin = try await AdminFixture.adminToken(relay, clock: clock)
            let read = try await AdminFixture.readToken(relay, clock: clock)
            let expired = try await service.createToken(name: "short-lived", scope: .admin, expiresIn: 60, actor: "test").secret
            let revoked = try await service.createToken(name: "gone", scope: .admin, expiresIn: nil, actor: "test").secret
            _ = try await service.revokeToken("gone", actor: "test")
            clock.advance(by: 120)

            let routes = Self.registeredRoutes(relay)
            #expect(routes.count == 24)
            #expect(routes.contains { $0.scope == .read } && routes.contains { $0.scope == .admin })

            let rejected: [(label: String, header: String?)] = [
                ("no token", nil),
                ("garbage", "Bearer not-a-token"),
                ("wrong scheme", "Basic \(Data("ops:\(admin)".utf8).base64EncodedString())"),
                ("unknown", "Bearer \(AdminTokens.generate())"),
                ("tampered", "Bearer \(String(admin.dropLast()))\(admin.hasSuffix("A") ? "B" : "A")"),
                ("expired", "Bearer \(expired)"),
                ("revoked", "Bearer \(revoked)"),
            ]
            for route in routes {
                let body: [UInt8]? = route.method == .GET ? nil : Array("{}".utf8)
                for (label, header) in rejected {
                    let reply = try await relay.request(route.method, route.path, headers: header.map { [("Authorization", $0)] } ?? [], body: body)
                    #expect(reply.status == 401, "\(label): \(route.method) \(route.path) → \(reply.status)")
                    #expect(reply.errorCode == "unauthorized")
                    #expect(reply.headers.first(name: "WWW-Authenticate") == "Bearer")
                }

                let asReader = try await relay.request(route.method, route.path, headers: [("Authorization", "Bearer \(read)")], body: body)
                if route.scope == .admin {
                    #expect(asReader.status == 403, "read token: \(route.method) \(route.path) → \(asReader.status)")
                    #expect(asReader.errorCode == "forbidden")
                } else {
                    #expect(![401, 403].contains(asReader.status) && asReader.status < 500, "read token: \(route.method) \(route.path) → \(asReader.status)")
                }

                let asAdmin = try await relay.request(route.method, route.path, headers: [("Authorization", "Bearer \(admin)")], body: body)
                #expect(![401, 403].contains(asAdmin.status) && asAdmin.status < 500, "admin token: \(route.method) \(route.path) → \(asAdmin.status) \(asAdmin.text)")
                #expect(asAdmin.headers.first(name: "Content-Type") == "application/json")
            }
        }
    }

    @Test func expiredAndRevokedTokensSayWhyAndUnauthenticatedRoutesStayOpen() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let service = AdminFixture.service(relay, clock: clock)
            let rotating = try await service.createToken(name: "rotate-me", scope: .admin, expiresIn: 3600, actor: "test").secret
            let replacement = try await service.createToken(name: "rotate-me-2", scope: .admin, expiresIn: nil, actor: "test").secret
            // Two active tokens at once: rotation without downtime.
            #expect(try await relay.admin(.GET, "/v1/audit", token: rotating).status == 200)
            #expect(try await relay.admin(.GET, "/v1/audit", token: replacement).status == 200)

            clock.advance(by: 3601)
            let expired = try await relay.admin(.GET, "/v1/audit", token: rotating)
            #expect(expired.status == 401)
            #expect(expired.errorMessage == "this token has expired")

            _ = try await service.revokeToken("rotate-me-2", actor: "test")
            let revoked = try await relay.admin(.GET, "/v1/audit", token: replacement)
            #expect(revoked.status == 401)
            #expect(revoked.errorMessage == "this token was revoked")

            #expect(try await relay.request(.GET, "/healthz").status == 200)
            #expect(try await relay.request(.GET, "/openapi.json").status == 200)
            #expect(try await relay.request(.POST, "/webhooks/nope", body: Array("{}".utf8)).status == 404)
        }
    }

    @Test func tokensAreStoredOnlyAsHashes() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let issued = try await AdminFixture.service(relay, clock: clock).createToken(name: "hash-check", scope: .read, expiresIn: nil, actor: "test")
            #expect(issued.secret.hasPrefix("irt_") && issued.secret.count == 47)
            let stored = try #require(try await relay.relay.store.tokens(includeRevoked: true).first)
            #expect(stored.tokenHash == AdminTokens.hash(issued.secret))
            #expect(stored.tokenHash != issued.secret && !stored.tokenHash.contains(issued.secret.dropFirst(12)))
            #expect(stored.prefix == String(issued.secret.prefix(12)))
            let listed = String(decoding: try AdminJSON.encode(try await relay.relay.store.tokens(includeRevoked: true)), as: UTF8.self)
            #expect(!listed.contains(issued.secret))
        }
    }

    @Test(arguments: [("30d", 30 * 86_400.0), ("12h", 43_200), ("90m", 5_400), ("2w", 1_209_600), ("45s", 45)])
    func tokenLifetimesParse(text: String, seconds: TimeInterval) throws {
        #expect(try TokenLifetime.parse(text) == seconds)
    }

    @Test(arguments: ["", "30", "d", "-1d", "0d", "1y", "3.5h"])
    func badTokenLifetimesAreRejected(text: String) {
        #expect(throws: AdminError.self) { try TokenLifetime.parse(text) }
    }
}
