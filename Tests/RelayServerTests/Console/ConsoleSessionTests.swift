import Foundation
import GRDB
import InvoiceDomain
import InvoiceStore
import RelayAdmin
@testable import RelayServer
import Testing

extension ConsoleTests {
    /// Console sign-in, sessions (hashed at rest, idle and absolute expiry on an injected clock) and sign-out.
    @Suite struct SessionTests {
        @Test func signInIssuesAStrictHttpOnlyCookieWhoseIdIsStoredOnlyHashed() async throws {
            try await withConsole { relay, admin, _ in
                var browser = ConsoleBrowser(relay)
                let reply = try await browser.signIn(admin)
                #expect(reply.status == 303)
                #expect(reply.location == "/console")
                let header = try #require(ConsoleBrowser.setCookie(reply))
                #expect(header.contains("HttpOnly"))
                #expect(header.contains("SameSite=Strict"))
                #expect(header.contains("Path=/console"))
                #expect(!header.contains("Secure"))
                let cookie = try #require(browser.cookie)
                #expect(cookie.count == 43)

                let rows = try await #require(relay.relay.database).writer.read { db in try String.fetchAll(db, sql: "SELECT idHash FROM consoleSession") }
                #expect(rows == [AdminTokens.hash(cookie)])
                #expect(rows.first?.count == 64)

                let overview = try await browser.get("/console")
                #expect(overview.status == 200)
                #expect(overview.text.contains("Overview"))
                #expect(overview.text.contains("ops-admin"))

                let audit = try await relay.relay.admin.audit(.init(.init([("action", "console.sign_in")], allowed: ["action"])))
                #expect(audit.data.map(\.actor) == ["ops-admin"])
            }
        }

        @Test func theCookieIsSecureWhenThePublicURLIsHTTPS() async throws {
            try await withConsole(configure: { $0.server.publicURL = URL(string: "https://relay.example.com") }) { relay, admin, _ in
                var browser = ConsoleBrowser(relay)
                let reply = try await browser.signIn(admin)
                #expect(ConsoleBrowser.setCookie(reply)?.contains("Secure") == true)
            }
        }

        @Test func aBadTokenIsRefusedAndCreatesNoSession() async throws {
            try await withConsole { relay, _, _ in
                var browser = ConsoleBrowser(relay)
                for token in ["irt_" + String(repeating: "A", count: 43), "not-a-token", ""] {
                    let reply = try await browser.signIn(token)
                    #expect(reply.status == 401)
                    #expect(reply.text.contains("Sign-in failed"))
                    #expect(ConsoleBrowser.setCookie(reply) == nil)
                }
                let count = try await #require(relay.relay.database).writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM consoleSession") }
                #expect(count == 0)
                #expect(try await browser.get("/console").location == "/console/sign-in")
            }
        }

        @Test func withoutASessionPagesRedirectToSignIn() async throws {
            try await withConsole { relay, _, _ in
                let browser = ConsoleBrowser(relay, cookie: String(repeating: "x", count: 43))
                for path in ["/console", "/console/deliveries", "/console/templates", "/console/audit"] {
                    let reply = try await browser.get(path)
                    #expect(reply.status == 303, "\(path)")
                    #expect(reply.location == "/console/sign-in")
                }
            }
        }

        @Test func anIdleSessionExpiresButUseKeepsItAlive() async throws {
            let clock = ManualClock(AdminFixture.now)
            try await withConsole(clock: clock) { relay, admin, _ in
                var browser = ConsoleBrowser(relay)
                try await browser.signIn(admin)
                clock.advance(by: 29 * 60)
                #expect(try await browser.get("/console").status == 200)
                clock.advance(by: 29 * 60)
                #expect(try await browser.get("/console").status == 200)
                clock.advance(by: 31 * 60)
                let expired = try await browser.get("/console")
                #expect(expired.status == 303)
                #expect(expired.location == "/console/sign-in")
                // Gone for good: moving back in time does not revive it.
                clock.advance(by: -31 * 60)
                #expect(try await browser.get("/console").status == 303)
            }
        }

        @Test func aSessionEndsAtItsAbsoluteLifetimeHoweverActive() async throws {
            let clock = ManualClock(AdminFixture.now)
            try await withConsole(clock: clock, configure: { $0.console.sessionAbsoluteHours = 1 }) { relay, admin, _ in
                var browser = ConsoleBrowser(relay)
                try await browser.signIn(admin)
                for _ in 0..<5 {
                    clock.advance(by: 10 * 60)
                    #expect(try await browser.get("/console").status == 200)
                }
                clock.advance(by: 10 * 60)
                #expect(try await browser.get("/console").status == 303)
            }
        }

        @Test func signOutEndsTheSessionAndIsAudited() async throws {
            try await withConsole { relay, admin, _ in
                var browser = ConsoleBrowser(relay)
                try await browser.signIn(admin)
                let csrf = try await browser.csrf()
                let reply = try await browser.post("/console/sign-out", ["csrf": csrf])
                #expect(reply.status == 303)
                #expect(reply.location == "/console/sign-in")
                #expect(ConsoleBrowser.setCookie(reply)?.contains("Max-Age=0") == true)
                #expect(try await browser.get("/console").status == 303)
                let count = try await #require(relay.relay.database).writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM consoleSession") }
                #expect(count == 0)
                let audit = try await relay.relay.admin.audit(.init(.init([("action", "console.sign_out")], allowed: ["action"])))
                #expect(audit.data.count == 1)
            }
        }

        @Test func revokingTheTokenEndsItsSessions() async throws {
            try await withConsole { relay, admin, _ in
                var browser = ConsoleBrowser(relay)
                try await browser.signIn(admin)
                #expect(try await browser.get("/console").status == 200)
                _ = try await relay.relay.admin.revokeToken("ops-admin", actor: "test")
                #expect(try await browser.get("/console").status == 303)
            }
        }

        @Test func failedSignInsAreThrottledThenAllowedAgain() async throws {
            let clock = ManualClock(AdminFixture.now)
            try await withConsole(clock: clock) { relay, admin, _ in
                var browser = ConsoleBrowser(relay)
                for _ in 0..<10 {
                    let refused = try await browser.signIn("wrong")
                    #expect(refused.status == 401)
                }
                let throttled = try await browser.signIn(admin)
                #expect(throttled.status == 429)
                #expect(browser.cookie == nil)
                clock.advance(by: 61)
                let allowed = try await browser.signIn(admin)
                #expect(allowed.status == 303)
                #expect(browser.cookie != nil)
            }
        }
    }
}
