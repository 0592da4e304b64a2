import Foundation
import InvoiceDomain
import InvoiceStore
@testable import RelayServer
import Testing

/// Pausing, resuming and skipping an invoice's reminders, and excluding a customer: through the admin API, audited.
@Suite struct AdminReminderControlTests {
    @Test func pauseResumeAndSkipAreStoredAndAudited() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            try await AdminFixture.openInvoice(relay)

            let paused = try await relay.admin(.POST, "/v1/invoices/in_test_1/pause", token: token, json: #"{"until": "2025-12-20T00:00:00Z", "note": "customer disputes the amount"}"#)
            #expect(paused.status == 200)
            #expect(paused.json["reminders_paused_until"] as? String == "2025-12-20T00:00:00Z")
            #expect(paused.json["pause_note"] as? String == "customer disputes the amount")
            let stored = try #require(try await relay.relay.store.invoice(id: "in_test_1"))
            #expect(stored.remindersPausedUntil == Date(timeIntervalSince1970: 1_766_188_800))

            // Due 2025-12-01: overdue-3d (Dec 4, 09:00) has passed at noon on Dec 4; overdue-7d comes next.
            let skipped = try await relay.admin(.POST, "/v1/invoices/in_test_1/skip", token: token)
            #expect(skipped.status == 200)
            #expect(skipped.json["skipped_step"] as? String == "overdue-7d")
            #expect((skipped.json["invoice"] as? [String: Any])?["skipped_steps"] as? [String] == ["overdue-7d"])
            let named = try await relay.admin(.POST, "/v1/invoices/in_test_1/skip", token: token, json: #"{"step": "overdue-14d"}"#)
            #expect((named.json["invoice"] as? [String: Any])?["skipped_steps"] as? [String] == ["overdue-7d", "overdue-14d"])
            #expect(try await relay.admin(.POST, "/v1/invoices/in_test_1/skip", token: token).errorCode == "no_next_step")
            #expect(try await relay.admin(.POST, "/v1/invoices/in_test_1/skip", token: token, json: #"{"step": "nope"}"#).errorCode == "invalid_parameter")

            let resumed = try await relay.admin(.POST, "/v1/invoices/in_test_1/resume", token: token)
            #expect(resumed.status == 200)
            #expect(resumed.json["reminders_paused_until"] == nil)
            #expect(resumed.json["pause_note"] == nil)

            let audit = try await relay.admin(.GET, "/v1/audit", token: token)
            let actions = audit.data.compactMap { $0["action"] as? String }
            #expect(actions.filter { $0.hasPrefix("invoice.") } == ["invoice.resume", "invoice.skip_step", "invoice.skip_step", "invoice.pause"])
        }
    }

    @Test(arguments: [
        (#"{"until": "2025-12-01T00:00:00Z"}"#, "invalid_parameter"),
        (#"{"until": "next week"}"#, "invalid_parameter"),
        (#"{"note": "no end"}"#, "invalid_json"),
        (#"{"until": "2025-12-20T00:00:00Z", "pause": true}"#, "unknown_field"),
    ])
    func badPausesAreRefused(_ body: String, _ code: String) async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            try await AdminFixture.openInvoice(relay)
            let reply = try await relay.admin(.POST, "/v1/invoices/in_test_1/pause", token: token, json: body)
            #expect(reply.status == 400)
            #expect(reply.errorCode == code)
        }
    }

    @Test func unknownInvoicesAre404AndReadTokensAre403() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let admin = try await AdminFixture.adminToken(relay, clock: clock)
            let read = try await AdminFixture.readToken(relay, clock: clock)
            #expect(try await relay.admin(.POST, "/v1/invoices/in_nope/resume", token: admin).errorCode == "invoice_not_found")
            #expect(try await relay.admin(.POST, "/v1/invoices/in_nope/pause", token: admin, json: #"{"until": "2025-12-20T00:00:00Z"}"#).errorCode == "invoice_not_found")
            #expect(try await relay.admin(.POST, "/v1/invoices/in_nope/skip", token: admin).errorCode == "invoice_not_found")
            #expect(try await relay.admin(.POST, "/v1/customers/cus_1/exclusion", token: read).status == 403)
        }
    }

    @Test func excludingACustomerOptsThemOutOfEveryChannel() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            let excluded = try await relay.admin(.POST, "/v1/customers/cus_test_1/exclusion", token: token)
            #expect(excluded.status == 200)
            #expect(excluded.json["excluded"] as? Bool == true)
            let store = relay.relay.store
            #expect(try await store.optOuts(customerIds: ["cus_test_1"]) == ["cus_test_1": [.email, .sms]])

            let included = try await relay.admin(.POST, "/v1/customers/cus_test_1/exclusion", token: token, json: #"{"excluded": false}"#)
            #expect(included.json["excluded"] as? Bool == false)
            #expect(try await store.optOuts(customerIds: ["cus_test_1"]).isEmpty)
            let actions = try await relay.admin(.GET, "/v1/audit", token: token).data.compactMap { $0["action"] as? String }
            #expect(actions.prefix(2) == ["customer.include", "customer.exclude"])
        }
    }
}
