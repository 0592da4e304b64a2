import AsyncHTTPClient
import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import NIOHTTP1
import Notifications
@testable import RelayServer
import StoreSeams
import Testing
import RelayAdmin

/// Shared fixtures of the admin API tests: tokens of every kind, shipped templates, invoices and
/// deliveries in known states, and JSON helpers.
enum AdminFixture {
    /// 2025-12-04 12:00 UTC: three days after the default Stripe test invoice's due date (2025-12-01).
    static let now = Date(timeIntervalSince1970: 1_764_849_600)

    static let templatesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates")

    static func service(_ relay: RelayHarness, clock: any WallClock) -> AdminService {
        relay.relay.admin
    }

    /// Seeds the shipped templates (version 1 of each) into the relay's store.
    static func seedTemplates(_ relay: RelayHarness) async throws {
        _ = try await TemplateSeeder.seed(from: templatesDirectory, engine: TemplateEngine(), into: relay.relay.store, now: now)
    }

    /// Creates an active admin token and returns its secret.
    static func adminToken(_ relay: RelayHarness, clock: any WallClock, name: String = "ops-admin") async throws -> String {
        try await service(relay, clock: clock).createToken(name: name, scope: .admin, expiresIn: nil, actor: "test").secret
    }

    static func readToken(_ relay: RelayHarness, clock: any WallClock, name: String = "ops-read") async throws -> String {
        try await service(relay, clock: clock).createToken(name: name, scope: .read, expiresIn: nil, actor: "test").secret
    }

    /// Posts a signed `invoice.finalized` for an open invoice through the real webhook endpoint.
    static func openInvoice(_ relay: RelayHarness, id: String = "in_test_1", eventId: String = "evt_open_1", dueDate: Int64 = 1_764_600_000, currency: String = "usd") async throws {
        let event = StripeEvents.invoice(eventId: eventId, type: "invoice.finalized", created: 1_764_000_000, invoiceId: id, status: "open", currency: currency, dueDate: dueDate)
        let reply = try await relay.postStripe(event, timestamp: Int64(now.timeIntervalSince1970))
        #expect(reply.status == 200)
    }

    /// Puts deliveries into the outbox and drives each through a claim to `transition`.
    /// - Returns: the delivery ids, in the order of `items`.
    @discardableResult
    static func deliveries(
        _ store: any RelayStore, _ items: [(invoice: String, step: String, channel: Channel, transition: DeliveryTransition?)]
    ) async throws -> [Int64] {
        var ids: [Int64] = []
        for item in items {
            let new = NewDelivery(invoiceId: item.invoice, step: item.step, kind: "overdue", channel: item.channel, recipient: "jane@example.com", notBefore: now)
            _ = try await store.enqueue([new], now: now)
            let key = Delivery.key(invoiceId: item.invoice, step: item.step, channel: item.channel)
            let all = try await store.deliveries(matching: DeliveryFilter(invoiceId: item.invoice), limit: 500, before: nil)
            let delivery = try #require(all.first { $0.idempotencyKey == key })
            ids.append(delivery.id)
            guard let transition = item.transition else { continue }
            // Claim exactly this row: it is the only one due with a lease owner named after it.
            let owner = "test-\(delivery.id)"
            var claimed: [Delivery] = []
            for _ in 0..<10 where !claimed.contains(where: { $0.id == delivery.id }) {
                claimed += try await store.claimDue(now: now, limit: 500, owner: owner, lease: 60)
            }
            let attempt = DeliveryAttempt(deliveryId: delivery.id, attemptNumber: 1, startedAt: now, provider: "sendgrid", httpStatus: 400, outcome: "permanent", error: "bad request", latencyMs: 12)
            #expect(try await store.complete(delivery.id, owner: owner, attempt: attempt, transition: transition, now: now))
            for other in claimed where other.id != delivery.id {
                _ = try await store.complete(other.id, owner: owner, attempt: nil, transition: .deferred(until: now, reason: nil), now: now)
            }
        }
        return ids
    }
}

extension RelayHarness {
    /// An admin API call with an optional bearer token and JSON body.
    func admin(_ method: HTTPMethod, _ path: String, token: String?, json: String? = nil, headers: [(String, String)] = []) async throws -> Reply {
        var all = headers
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        if json != nil { all.append(("Content-Type", "application/json")) }
        return try await request(method, path, headers: all, body: json.map { Array($0.utf8) })
    }
}

extension RelayHarness.Reply {
    var text: String { String(decoding: body, as: UTF8.self) }
    var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
    var data: [[String: Any]] { json["data"] as? [[String: Any]] ?? [] }
}

/// JSON text for a request body (keys sorted, so equal inputs give equal bytes).
func jsonText(_ object: [String: Any]) -> String {
    String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
}
