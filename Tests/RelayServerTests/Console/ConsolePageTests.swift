import Foundation
import InvoiceDomain
import InvoiceStore
@testable import RelayServer
import Testing

extension ConsoleTests {
    /// Console pages driving the admin service: template edits (validation errors with line and column, versions,
    /// rollback), delivery replay with its confirmations, and the lists.
    @Suite struct PageTests {
        static let template = "/console/templates/email/overdue/en"

        @Test func anInvalidTemplateEditShowsTheServicesErrorAndSavesNothingThenAFixedOneSavesVersionTwo() async throws {
            try await withConsole { relay, admin, _ in
                var browser = ConsoleBrowser(relay)
                try await browser.signIn(admin)
                let csrf = try await browser.csrf(from: Self.template)
                let bad = try await browser.post(Self.template, [
                    "csrf": csrf, "subject": "Overdue {{invoice_number}}", "html": "<p>Hello</p>\n<p>{{amount}}</p>", "text": "Pay {{invoice_number}}",
                ])
                #expect(bad.status == 422)
                #expect(bad.text.contains("Not saved."))
                #expect(bad.text.contains("line 2, column 4"))
                #expect(bad.text.contains("amount"))
                // The refused content stays in the editor, escaped.
                #expect(bad.text.contains("&lt;p&gt;{{amount}}&lt;/p&gt;") || bad.text.contains("&lt;p&gt;Hello&lt;/p&gt;"))
                #expect(try await relay.relay.admin.template(.init("email/overdue/en")).versions.count == 1)

                let good = try await browser.post(Self.template, [
                    "csrf": csrf, "subject": "Overdue {{invoice_number}}", "html": "<p>{{amount_remaining}}</p>", "text": "Pay {{invoice_number}}",
                ])
                #expect(good.status == 303)
                let page = try await browser.get(try #require(good.location))
                #expect(page.text.contains("Saved as version 2."))
                #expect(page.text.contains("version 2"))

                let rollback = try await browser.post("\(Self.template)/rollback", ["csrf": csrf, "version": "1"])
                #expect(rollback.status == 303)
                let detail = try await relay.relay.admin.template(.init("email/overdue/en"))
                #expect(detail.template.version == 3)
                #expect(detail.template.html == detail.versions.last?.html)
                let audit = try await relay.relay.admin.audit(.init(.init([("actor", "ops-admin")], allowed: ["actor"])))
                #expect(audit.data.map(\.action).prefix(2) == ["template.rollback", "template.update"])
            }
        }

        @Test func replayingAFailedDeliveryRequeuesItAndASentOneNeedsTheSecondConfirmation() async throws {
            try await withConsole { relay, admin, _ in
                let ids = try await AdminFixture.deliveries(relay.relay.store, [
                    ("in_test_1", "overdue", .email, .failed(error: "bad request")),
                    ("in_test_1", "due", .email, .sent(provider: "sendgrid", messageId: "m1", templateId: "email/overdue/en", templateVersion: 1)),
                ])
                var browser = ConsoleBrowser(relay)
                try await browser.signIn(admin)
                let page = try await browser.get("/console/deliveries/\(ids[0])")
                #expect(page.text.contains(">Replay<"))
                let csrf = try #require(ConsoleBrowser.csrf(in: page.text))
                let replay = try await browser.post("/console/deliveries/\(ids[0])/replay", ["csrf": csrf])
                #expect(replay.status == 303)
                #expect(try await relay.relay.admin.delivery(id: ids[0]).delivery.status == .pending)

                // A sent one: a plain replay is refused by the service, a forced one without the confirmation by the console.
                #expect(try await browser.post("/console/deliveries/\(ids[1])/replay", ["csrf": csrf]).status == 409)
                #expect(try await browser.post("/console/deliveries/\(ids[1])/replay", ["csrf": csrf, "force": "true"]).status == 400)
                let confirmation = try await browser.get("/console/deliveries/\(ids[1])/resend")
                #expect(confirmation.text.contains("already sent"))
                let resend = try await browser.post("/console/deliveries/\(ids[1])/replay", ["csrf": csrf, "force": "true", "confirm": "resend"])
                #expect(resend.status == 303)
                #expect(try await relay.relay.admin.delivery(id: ids[1]).delivery.resendCount == 1)
            }
        }

        @Test func bulkReplayStatesHowManyItWillRequeueBeforeDoingIt() async throws {
            try await withConsole { relay, admin, _ in
                let ids = try await AdminFixture.deliveries(relay.relay.store, [
                    ("in_test_1", "overdue", .email, .failed(error: "bad request")),
                    ("in_test_2", "overdue", .email, .dead(error: "gave up")),
                    ("in_test_3", "overdue", .sms, .failed(error: "bad number")),
                ])
                var browser = ConsoleBrowser(relay)
                try await browser.signIn(admin)
                let confirm = try await browser.get("/console/deliveries/replay?channel=email&provider=")
                #expect(confirm.status == 200)
                #expect(confirm.text.contains("re-queue <strong>2</strong>"))
                #expect(try await relay.relay.admin.delivery(id: ids[0]).delivery.status == .failed)
                let csrf = try #require(ConsoleBrowser.csrf(in: confirm.text))
                let done = try await browser.post("/console/deliveries/replay", ["csrf": csrf, "confirm": "yes", "channel": "email"])
                #expect(done.status == 303)
                #expect(done.location?.contains("notice=bulk_replayed&n=2") == true)
                #expect(try await relay.relay.admin.delivery(id: ids[2]).delivery.status == .failed)
            }
        }

        @Test(arguments: ["/console", "/console/deliveries?status=failed", "/console/events", "/console/invoices", "/console/invoices/in_test_1", "/console/templates", "/console/audit?actor=test"])
        func pagesRenderWithData(path: String) async throws {
            try await withConsole { relay, admin, _ in
                try await AdminFixture.openInvoice(relay)
                try await AdminFixture.deliveries(relay.relay.store, [("in_test_1", "overdue", .email, .failed(error: "bad <b>request</b>"))])
                var browser = ConsoleBrowser(relay)
                try await browser.signIn(admin)
                let reply = try await browser.get(path)
                #expect(reply.status == 200)
                #expect(!reply.text.contains("<b>request</b>"))
            }
        }

        @Test func aFilterValueTheServiceRefusesIsABadRequestPage() async throws {
            try await withConsole { relay, admin, _ in
                var browser = ConsoleBrowser(relay)
                try await browser.signIn(admin)
                let reply = try await browser.get("/console/deliveries?status=lost")
                #expect(reply.status == 400)
                #expect(reply.text.contains("is not one of"))
            }
        }
    }
}
