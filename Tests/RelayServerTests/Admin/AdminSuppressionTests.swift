import Foundation
import InvoiceDomain
import RelayServer
import Testing

/// The suppression list through the admin API: add, look up, list, lift (audited), with clear errors.
@Suite struct AdminSuppressionTests {
    @Test func addLookUpListAndLiftASuppression() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            let added = try await relay.admin(.PUT, "/v1/suppressions/sms/%2B14155550123", token: token, json: #"{"note":"asked by phone"}"#)
            #expect(added.status == 201)
            #expect(added.json["reason"] as? String == "manual")
            #expect(added.json["address"] as? String == "+14155550123")
            #expect(try await relay.admin(.PUT, "/v1/suppressions/sms/+14155550123", token: token).status == 200)
            #expect(try await relay.admin(.PUT, "/v1/suppressions/email/Jane@Example.com", token: token).status == 201)

            let one = try await relay.admin(.GET, "/v1/suppressions/email/jane@example.com", token: token)
            #expect(one.status == 200)
            #expect(one.json["address"] as? String == "jane@example.com")

            let sms = try await relay.admin(.GET, "/v1/suppressions?channel=sms", token: token)
            #expect(sms.data.map { $0["address"] as? String } == ["+14155550123"])
            let page = try await relay.admin(.GET, "/v1/suppressions?limit=1", token: token)
            #expect(page.data.count == 1)
            #expect(page.json["next_cursor"] is String)

            let lifted = try await relay.admin(.DELETE, "/v1/suppressions/sms/%2B14155550123", token: token)
            #expect(lifted.status == 200)
            #expect(try await relay.admin(.GET, "/v1/suppressions/sms/%2B14155550123", token: token).errorCode == "not_suppressed")
            #expect(try await relay.admin(.DELETE, "/v1/suppressions/sms/%2B14155550123", token: token).status == 404)

            let audit = try await relay.admin(.GET, "/v1/audit?action=suppression.remove", token: token)
            #expect(audit.data.count == 1)
            let detail = audit.data.first?["detail"] as? String ?? ""
            #expect(detail.contains("manual"))
            #expect(detail.contains("4155550123") == false)

            #expect(try await relay.admin(.PUT, "/v1/suppressions/sms/not-a-number", token: token).errorCode == "invalid_address")
            #expect(try await relay.admin(.PUT, "/v1/suppressions/fax/%2B14155550123", token: token).errorCode == "invalid_channel")
            #expect(try await relay.admin(.PUT, "/v1/suppressions/email/a@b.co", token: token, json: #"{"reason":"x"}"#).errorCode == "unknown_field")
        }
    }
}
