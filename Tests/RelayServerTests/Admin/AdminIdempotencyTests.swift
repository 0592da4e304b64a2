import NIOHTTP1
import Foundation
import InvoiceDomain
import InvoiceStore
@testable import RelayServer
import StoreSeams
import Testing

/// `Idempotency-Key` on mutating requests, and the error contract (no input yields a 500).
@Suite struct AdminIdempotencyTests {
    @Test func sameKeyReplaysTheFirstResponseAndDoesNothingTwice() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            let other = try await AdminFixture.adminToken(relay, clock: clock, name: "second-admin")
            let ids = try await AdminFixture.deliveries(relay.relay.store, [("in_i", "overdue-3d", .email, .failed(error: "422"))])
            let path = "/v1/deliveries/\(ids[0])/replay"
            let key = [("Idempotency-Key", "replay-\(ids[0])-attempt")]

            let first = try await relay.admin(.POST, path, token: token, json: "{}", headers: key)
            #expect(first.status == 200)
            #expect(first.headers.first(name: "Idempotent-Replayed") == nil)
            clock.advance(by: 30)
            let retry = try await relay.admin(.POST, path, token: token, json: "{}", headers: key)
            #expect(retry.status == 200)
            #expect(retry.body == first.body)
            #expect(retry.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try await relay.relay.store.auditEntries(matching: AuditFilter(action: "delivery.replay"), limit: 10, before: nil).count == 1)

            // A different request under the same key is refused.
            let reused = try await relay.admin(.POST, path, token: token, json: #"{"force":true}"#, headers: key)
            #expect(reused.status == 422)
            #expect(reused.errorCode == "idempotency_key_reused")

            // Keys are scoped per token: another token's identical key is a new request (which now conflicts).
            let otherToken = try await relay.admin(.POST, path, token: other, json: "{}", headers: key)
            #expect(otherToken.status == 409)
            #expect(otherToken.errorCode == "not_replayable")

            // Without a key the request runs again (and conflicts, as the delivery is already queued).
            #expect(try await relay.admin(.POST, path, token: token, json: "{}").status == 409)

            #expect(try await relay.admin(.POST, path, token: token, json: "{}", headers: [("Idempotency-Key", "")]).errorCode == "invalid_idempotency_key")
            #expect(try await relay.admin(.POST, path, token: token, json: "{}", headers: [("Idempotency-Key", String(repeating: "k", count: 256))]).errorCode == "invalid_idempotency_key")
        }
    }

    @Test func concurrentRetriesWithOneKeyRunTheRequestOnce() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            try await AdminFixture.seedTemplates(relay)
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            let body = #"{"text":"Now: {{amount_remaining}} for {{invoice_number}}"}"#
            let replies = try await withThrowingTaskGroup(of: RelayHarness.Reply.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await relay.admin(.PUT, "/v1/templates/sms/due_today/en", token: token, json: body, headers: [("Idempotency-Key", "race")]) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Each reply is the one real response (first or replayed) or "still in progress"; never a second execution.
            #expect(replies.allSatisfy { $0.status == 201 || $0.errorCode == "idempotency_key_in_use" })
            #expect(replies.filter { $0.status == 201 && $0.headers.first(name: "Idempotent-Replayed") == nil }.count == 1)
            #expect(try await relay.relay.store.templateVersions(id: "sms/due_today/en").count == 2)
            #expect(try await relay.relay.store.auditEntries(matching: AuditFilter(action: "template.update"), limit: 10, before: nil).count == 1)
        }
    }

    @Test func errorResponsesAreReplayedToo() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            try await AdminFixture.seedTemplates(relay)
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            let key = [("Idempotency-Key", "tmpl-1")]
            let body = #"{"text":"Pay {{amount_remaining}}"}"#
            let created = try await relay.admin(.PUT, "/v1/templates/sms/overdue/en", token: token, json: body, headers: key)
            #expect(created.status == 201)
            let repeated = try await relay.admin(.PUT, "/v1/templates/sms/overdue/en", token: token, json: body, headers: key)
            #expect(repeated.status == 201)
            #expect(repeated.body == created.body)
            #expect(try await relay.relay.store.templateVersions(id: "sms/overdue/en").count == 2)

            let invalid = #"{"text":"Pay {{amount}}"}"#
            let rejected = try await relay.admin(.PUT, "/v1/templates/sms/overdue/en", token: token, json: invalid, headers: [("Idempotency-Key", "tmpl-2")])
            let rejectedAgain = try await relay.admin(.PUT, "/v1/templates/sms/overdue/en", token: token, json: invalid, headers: [("Idempotency-Key", "tmpl-2")])
            #expect(rejected.status == 422 && rejectedAgain.status == 422)
            #expect(rejectedAgain.body == rejected.body)
        }
    }

    @Test func badInputNeverYields500() async throws {
        var config = RelayHarness.configuration()
        config.server.maxBodyBytes = 2048
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(configuration: config, clock: clock) { relay in
            try await AdminFixture.seedTemplates(relay)
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            let big = jsonText(["text": String(repeating: "a", count: 4096)])
            let tooLarge = try await relay.admin(.PUT, "/v1/templates/sms/overdue/en", token: token, json: big)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.errorCode == "body_too_large")

            let cases: [(method: HTTPMethodName, path: String, body: String?, status: Int)] = [
                (.put, "/v1/templates/sms/overdue/en", "{not json", 400),
                (.put, "/v1/templates/sms/overdue/en", "\"text\"", 400),
                (.put, "/v1/templates/sms/overdue/en", "{}", 400),
                (.put, "/v1/templates/sms/overdue/en", #"{"text":null}"#, 400),
                (.post, "/v1/templates/sms/overdue/en/rollback", #"{"version":-3}"#, 404),
                (.post, "/v1/templates/sms/overdue/en/preview", #"{"locale":"../../etc"}"#, 400),
                (.post, "/v1/templates/sms/overdue/en/preview", #"{"days_from_due":99999999}"#, 400),
                (.post, "/v1/templates/sms/overdue/en/preview", #"{"days_from_due":1e400}"#, 400),
                (.post, "/v1/deliveries/replay", #"{"created_from":"soon","all":true}"#, 400),
                (.post, "/v1/deliveries/99999999999999999999/replay", "{}", 400),
                (.get, "/v1/templates/sms/overdue/en/versions/0", nil, 400),
                (.get, "/v1/audit?limit=99999999999999999999", nil, 400),
                (.get, "/v1/nothing-here", nil, 404),
            ]
            for item in cases {
                let reply = try await relay.admin(item.method.http, item.path, token: token, json: item.body)
                #expect(reply.status == item.status, "\(item.method) \(item.path) \(item.body ?? "") → \(reply.status) \(reply.text)")
                #expect(reply.errorCode != nil)
            }
        }
    }
}

/// Test-table spelling of the HTTP methods used above.
enum HTTPMethodName: String {
    case get, put, post

    var http: NIOHTTP1.HTTPMethod {
        switch self {
        case .get: .GET
        case .put: .PUT
        case .post: .POST
        }
    }
}
