import Foundation
import InvoiceDomain
import InvoiceStore
@testable import RelayServer
import Testing

extension ConsoleTests {
    /// CSRF, read-only sessions and the security headers of every console response.
    @Suite struct SecurityTests {
        static let template = "/console/templates/email/overdue/en"

        @Test func aFormWithoutTheSessionsCSRFValueIsRefusedAndChangesNothing() async throws {
            try await withConsole { relay, admin, _ in
                var browser = ConsoleBrowser(relay)
                try await browser.signIn(admin)
                let fields: KeyValuePairs<String, String> = ["subject": "Changed {{invoice_number}}", "html": "<p>{{invoice_number}}</p>", "text": "Changed {{invoice_number}}"]
                let missing = try await browser.post(Self.template, fields)
                #expect(missing.status == 403)
                #expect(missing.text.contains("security token"))
                let wrong = try await browser.post(Self.template, ["csrf": String(repeating: "a", count: 43), "subject": "x", "text": "y"])
                #expect(wrong.status == 403)
                let detail = try await relay.relay.admin.template(.init("email/overdue/en"))
                #expect(detail.versions.count == 1)
            }
        }

        @Test func aCSRFValueBelongsToItsOwnSession() async throws {
            try await withConsole { relay, admin, _ in
                var first = ConsoleBrowser(relay)
                try await first.signIn(admin)
                var second = ConsoleBrowser(relay)
                try await second.signIn(admin)
                let firstCSRF = try await first.csrf()
                let reply = try await second.post("/console/sign-out", ["csrf": firstCSRF])
                #expect(reply.status == 403)
                #expect(try await second.get("/console").status == 200)
            }
        }

        @Test func aReadSessionSeesNoMutationAndGets403ForEveryOne() async throws {
            try await withConsole { relay, _, read in
                let ids = try await AdminFixture.deliveries(relay.relay.store, [("in_test_1", "overdue", .email, .failed(error: "bad request"))])
                var browser = ConsoleBrowser(relay)
                try await browser.signIn(read)
                let detail = try await browser.get("/console/deliveries/\(ids[0])")
                #expect(detail.status == 200)
                #expect(detail.text.contains("bad request"))
                #expect(!detail.text.contains(">Replay<"))
                #expect(detail.text.contains("Read-only session"))
                let editor = try await browser.get(Self.template)
                #expect(!editor.text.contains("Save as new version"))

                let csrf = try await browser.csrf()
                let mutations: [(String, KeyValuePairs<String, String>)] = [
                    (Self.template, ["csrf": csrf, "subject": "S {{invoice_number}}", "html": "<p>{{invoice_number}}</p>", "text": "T {{invoice_number}}"]),
                    ("\(Self.template)/rollback", ["csrf": csrf, "version": "1"]),
                    ("/console/deliveries/\(ids[0])/replay", ["csrf": csrf]),
                    ("/console/deliveries/\(ids[0])/replay", ["csrf": csrf, "force": "true", "confirm": "resend"]),
                    ("/console/deliveries/replay", ["csrf": csrf, "confirm": "yes", "status": "failed"]),
                    ("/console/events/1/reprocess", ["csrf": csrf]),
                ]
                for (path, fields) in mutations {
                    let reply = try await browser.post(path, fields)
                    #expect(reply.status == 403, "\(path)")
                    #expect(reply.text.contains("read scope"), "\(path)")
                }
                #expect(try await relay.relay.admin.delivery(id: ids[0]).delivery.status == .failed)
                #expect(try await relay.relay.admin.template(.init("email/overdue/en")).versions.count == 1)
                // Preview saves nothing: a read session may use it.
                let preview = try await browser.post("\(Self.template)/preview", ["csrf": csrf, "subject": "S {{invoice_number}}", "html": "<p>{{invoice_number}}</p>", "text": "T {{invoice_number}}"])
                #expect(preview.status == 200)
            }
        }

        @Test(arguments: ["/console", "/console/sign-in", "/console/deliveries", "/console/templates", "/console/deliveries/999", "/console/assets/console.css", "/console/no/such/page"])
        func everyConsoleResponseCarriesTheSecurityHeaders(path: String) async throws {
            try await withConsole { relay, admin, _ in
                var browser = ConsoleBrowser(relay)
                if path != "/console/sign-in" { try await browser.signIn(admin) }
                let reply = try await browser.get(path)
                #expect([200, 404].contains(reply.status))
                #expect(reply.headers["Content-Security-Policy"].first?.hasPrefix("default-src 'self'") == true)
                #expect(reply.headers["X-Frame-Options"].first == "DENY")
                #expect(reply.headers["Referrer-Policy"].first == "no-referrer")
                if reply.headers["Content-Type"].first?.hasPrefix("text/html") == true {
                    #expect(!reply.text.contains("<script>"))
                    #expect(!reply.text.contains("style=\""))
                }
            }
        }

        @Test func thePreviewFrameRunsNoScriptAndOnlyTheConsoleMayFrameIt() async throws {
            try await withConsole { relay, admin, _ in
                var browser = ConsoleBrowser(relay)
                try await browser.signIn(admin)
                let frame = try await browser.get("\(Self.template)/frame?version=1")
                #expect(frame.status == 200)
                let policy = try #require(frame.headers["Content-Security-Policy"].first)
                #expect(policy.contains("default-src 'none'"))
                #expect(policy.contains("sandbox"))
                #expect(policy.contains("frame-ancestors 'self'"))
                #expect(!policy.contains("script-src"))
                #expect(frame.headers["X-Frame-Options"].first == "SAMEORIGIN")
                let page = try await browser.get("\(Self.template)/preview?version=1")
                #expect(page.text.contains("<iframe class=\"preview\" id=\"preview-frame\" sandbox title"))
                #expect(!page.text.contains("allow-scripts"))
            }
        }

        @Test func aSignInPostedFromAnotherSiteIsRefused() async throws {
            try await withConsole { relay, admin, _ in
                var browser = ConsoleBrowser(relay)
                // Another site's page: it cannot read or send the form's SameSite=Strict cookie.
                let forged = try await browser.post("/console/sign-in", ["token": admin, "csrf": String(repeating: "a", count: 43)])
                #expect(forged.status == 403)
                #expect(ConsoleBrowser.setCookie(forged) == nil)
                // A browser that names the other site in Origin is refused even with the form's value.
                let named = try await browser.signIn(admin, headers: [("Origin", "https://evil.example")])
                #expect(named.status == 403)
                #expect(browser.cookie == nil)
                // `Origin: null` (a no-referrer page's form post) is left to the form value, and the real form passes.
                let real = try await browser.signIn(admin, headers: [("Origin", "null")])
                #expect(real.status == 303)
                #expect(browser.cookie != nil)
            }
        }
    }
}
