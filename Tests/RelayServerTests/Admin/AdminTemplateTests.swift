import Foundation
import InvoiceDomain
import InvoiceStore
import Notifications
@testable import RelayServer
import StoreSeams
import Testing

/// Template list, history, validated updates, preview and rollback over the real server.
@Suite struct AdminTemplateTests {
    static let path = "/v1/templates/email/overdue/en"

    static let goodUpdate = jsonText([
        "subject": "Invoice {{invoice_number}} is {{days_overdue}} days overdue",
        "html": "<p>Please pay {{amount_remaining}} for {{invoice_number}}.</p>{{#pay_url}}<a href=\"{{pay_url}}\">Pay</a>{{/pay_url}}",
        "text": "Please pay {{amount_remaining}} for {{invoice_number}}. {{pay_url}}",
        "note": "shorter wording",
    ])

    @Test(arguments: [
        // (label, body, expected text in the message)
        ("unknown variable", jsonText(["subject": "Hi", "html": "<p>{{amount}}</p>", "text": "x"]), "html part, line 1, column 4: unknown variable 'amount'"),
        ("unclosed section", jsonText(["subject": "Hi", "html": "<p>ok</p>", "text": "line one\n{{#is_overdue}}late"]), "text part, line 2, column 1: section '{{#is_overdue}}' is never closed"),
        ("unclosed tag", jsonText(["subject": "Hi {{invoice_number", "html": "<p>ok</p>", "text": "x"]), "subject part, line 1, column 4"),
        ("missing html part", jsonText(["subject": "Hi", "text": "x"]), "email templates need a non-empty html part"),
    ])
    func invalidUpdatesAre422AndSaveNothing(label: String, body: String, expected: String) async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            try await AdminFixture.seedTemplates(relay)
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            let reply = try await relay.admin(.PUT, Self.path, token: token, json: body)
            #expect(reply.status == 422, "\(label): \(reply.text)")
            #expect(reply.errorCode == "template_invalid")
            #expect(reply.errorMessage?.contains(expected) == true, "\(label): \(reply.errorMessage ?? "")")
            #expect(try await relay.relay.store.templateVersions(id: "email/overdue/en").count == 1)
            #expect(try await relay.relay.store.auditEntries(matching: AuditFilter(action: "template.update"), limit: 10, before: nil).isEmpty)
        }
    }

    @Test func updateCreatesAVersionAndRollbackRestoresTheOldContent() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            try await AdminFixture.seedTemplates(relay)
            let token = try await AdminFixture.adminToken(relay, clock: clock)

            let list = try await relay.admin(.GET, "/v1/templates", token: token)
            #expect(list.status == 200)
            #expect(list.data.contains { $0["template_id"] as? String == "sms/due_today/en" && $0["version"] as? Int == 1 })

            let original = try #require(try await relay.relay.store.latestTemplate(id: "email/overdue/en"))
            let updated = try await relay.admin(.PUT, Self.path, token: token, json: Self.goodUpdate)
            #expect(updated.status == 201)
            let template = try #require(updated.json["template"] as? [String: Any])
            #expect(template["version"] as? Int == 2)
            #expect(template["created_by"] as? String == "ops-admin")
            #expect(template["note"] as? String == "shorter wording")

            let same = try await relay.admin(.PUT, Self.path, token: token, json: Self.goodUpdate)
            #expect(same.status == 200)
            #expect(same.json["created"] as? Bool == false)

            let detail = try await relay.admin(.GET, Self.path, token: token)
            #expect(detail.status == 200)
            #expect((detail.json["versions"] as? [[String: Any]])?.compactMap { $0["version"] as? Int } == [2, 1])
            #expect(try await relay.admin(.GET, Self.path + "/versions/1", token: token).json["text"] as? String == original.text)
            #expect(try await relay.admin(.GET, Self.path + "/versions/9", token: token).errorCode == "version_not_found")

            let rollback = try await relay.admin(.POST, Self.path + "/rollback", token: token, json: #"{"version":1}"#)
            #expect(rollback.status == 201)
            #expect((rollback.json["template"] as? [String: Any])?["version"] as? Int == 3)
            let current = try #require(try await relay.relay.store.latestTemplate(id: "email/overdue/en"))
            #expect(current.version == 3)
            #expect(current.subject == original.subject && current.html == original.html && current.text == original.text)
            #expect(current.note == "rollback to version 1")

            #expect(try await relay.admin(.POST, Self.path + "/rollback", token: token, json: #"{"version":7}"#).status == 404)
            #expect(try await relay.admin(.POST, Self.path + "/rollback", token: token, json: #"{"version":"one"}"#).status == 400)

            let audit = try await relay.admin(.GET, "/v1/audit?target=email/overdue/en", token: token)
            #expect(audit.data.compactMap { $0["action"] as? String } == ["template.rollback", "template.update"])
            #expect(audit.data.allSatisfy { $0["actor"] as? String == "ops-admin" })
        }
    }

    @Test func newLocaleVariantStartsAtVersionOneAndBadIdsAre400() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            let created = try await relay.admin(.PUT, "/v1/templates/sms/overdue/es", token: token, json: #"{"text":"Factura {{invoice_number}}: {{amount_remaining}} pendiente."}"#)
            #expect(created.status == 201)
            #expect((created.json["template"] as? [String: Any])?["version"] as? Int == 1)
            #expect(try await relay.admin(.PUT, "/v1/templates/fax/overdue/en", token: token, json: #"{"text":"x"}"#).errorCode == "invalid_template_id")
            #expect(try await relay.admin(.PUT, "/v1/templates/sms/weekly/en", token: token, json: #"{"text":"x"}"#).errorCode == "invalid_template_id")
            #expect(try await relay.admin(.PUT, "/v1/templates/sms/overdue/EN_us", token: token, json: #"{"text":"x"}"#).errorCode == "invalid_template_id")
            #expect(try await relay.admin(.GET, "/v1/templates/sms/overdue/it", token: token).status == 404)
            #expect(try await relay.admin(.PUT, "/v1/templates/sms/overdue/es", token: token, json: #"{"text":"x","colour":"red"}"#).errorCode == "unknown_field")
            #expect(try await relay.admin(.PUT, "/v1/templates/sms/overdue/es", token: token, json: #"{"text": 5}"#).errorCode == "invalid_json")
            #expect(try await relay.admin(.PUT, "/v1/templates/sms/overdue/es", token: token, json: #"{"text": "#).errorCode == "invalid_json")
            #expect(try await relay.admin(.PUT, "/v1/templates/sms/overdue/es", token: token, json: #"[1,2]"#).errorCode == "invalid_json")
        }
    }

    @Test func previewOfSampleAndProposedContentRendersWithoutSaving() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            try await AdminFixture.seedTemplates(relay)
            let token = try await AdminFixture.readToken(relay, clock: clock)

            let sample = try await relay.admin(.POST, "/v1/templates/email/overdue/de/preview", token: token, json: "{}")
            #expect(sample.status == 200)
            #expect(sample.json["data"] as? String == "sample")
            #expect(sample.json["version"] as? Int == 1)
            let stored = try #require(try await relay.relay.store.latestTemplate(id: "email/overdue/de"))
            let expected = try TemplateEngine().render(
                TemplateContent(subject: stored.subject, html: stored.html, text: stored.text), channel: .email,
                context: TemplateContext.sample(locale: "de", daysFromDue: 3, business: BusinessInfo(name: "Example Co.", supportEmail: nil, supportPhone: nil))
            )
            #expect(sample.json["subject"] as? String == expected.subject)
            #expect(sample.json["html"] as? String == expected.html)
            #expect(sample.json["text"] as? String == expected.text)
            #expect((sample.json["text"] as? String)?.contains("125,00") == true)

            let sms = try await relay.admin(.POST, "/v1/templates/sms/overdue/en/preview", token: token, json: jsonText([
                "content": ["text": "Pay {{amount_remaining}} now — {{business_name}}"], "days_from_due": 10,
            ]))
            #expect(sms.status == 200)
            #expect(sms.json["version"] is NSNull || sms.json["version"] == nil)
            #expect(sms.json["text"] as? String == "Pay $125.00 now — Example Co.")
            let segments = try #require(sms.json["sms"] as? [String: Any])
            #expect(segments["encoding"] as? String == "ucs2")
            #expect(segments["segments"] as? Int == 1)
            #expect(try await relay.relay.store.templateVersions(id: "sms/overdue/en").count == 1)

            let bad = try await relay.admin(.POST, "/v1/templates/sms/overdue/en/preview", token: token, json: #"{"content":{"text":"{{nope}}"}}"#)
            #expect(bad.status == 422)
            #expect(bad.errorMessage?.contains("line 1, column 1: unknown variable 'nope'") == true)
            #expect(try await relay.admin(.POST, "/v1/templates/sms/overdue/en/preview", token: token, json: #"{"version":1,"content":{"text":"x"}}"#).errorCode == "invalid_preview")
            #expect(try await relay.admin(.POST, "/v1/templates/sms/overdue/en/preview", token: token, json: #"{"invoice_id":"in_missing"}"#).errorCode == "invoice_not_found")
        }
    }
}
