import Foundation
import InvoiceDomain
import InvoiceStore
import StoreSeams
import Testing
@testable import WebhookIngest
import WebhookTestSupport

/// A correctly signed body that is not a well-formed JSON object is refused (nothing stored), for every scheme;
/// a JSON object whose data fails validation is still stored, quarantined.
@Suite("Ingestor: verified bodies that are not a JSON object")
struct WebhookIngestorPayloadTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_100)

    /// One source per scheme, each with a secret its scheme accepts.
    static let sources: [(source: WebhookSource, secret: WebhookSecret)] = [
        (WebhookSource(name: "stripe", scheme: .stripe(tolerance: 300), secrets: [WebhookSecret("whsec_stripe_test")]), WebhookSecret("whsec_stripe_test")),
        (WebhookSource(name: "svix", scheme: .standardWebhooks(tolerance: 300), secrets: [WebhookSecret("whsec_aW52b2ljZS1yZWxheS10ZXN0LXNlY3JldA==")]),
         WebhookSecret("whsec_aW52b2ljZS1yZWxheS10ZXN0LXNlY3JldA==")),
        (WebhookSource(name: "github", scheme: .hmac(header: "X-Hub-Signature-256", prefix: "sha256=", encoding: .hex), secrets: [WebhookSecret("gh_secret")]),
         WebhookSecret("gh_secret")),
        (WebhookSource(name: "paddle", scheme: .paddle(tolerance: 300), secrets: [WebhookSecret("pdl_ntfset_secret")]), WebhookSecret("pdl_ntfset_secret")),
    ]

    private func ingestor() throws -> (WebhookIngestor, SQLiteStore) {
        let store = SQLiteStore(try AppDatabase.inMemory())
        let ingestor = WebhookIngestor(sources: Self.sources.map(\.source), batcher: IngestBatcher(store: store), clock: ManualClock(Self.now))
        return (ingestor, store)
    }

    private func signed(_ body: [UInt8], for index: Int) throws -> [String: String] {
        let (source, secret) = Self.sources[index]
        return try WebhookSigner(scheme: source.scheme).headers(body: body, secret: secret, timestamp: Self.now, deliveryId: "msg_\(index)")
    }

    @Test(arguments: MalformedPayload.all)
    func isRefusedAsInvalidPayloadAndNotStored(_ body: MalformedPayload) async throws {
        let (ingestor, store) = try ingestor()
        for (index, (source, _)) in Self.sources.enumerated() {
            let headers = try signed(body.bytes, for: index)
            do {
                let accepted = try await ingestor.ingest(source: source.name, body: body.bytes, headers: headers)
                Issue.record("\(source.name): accepted as \(accepted.result)")
            } catch WebhookIngestor.Rejection.invalidPayload(let reason) {
                #expect(reason == "body is not valid JSON" || reason == "body is not a JSON object", "\(source.name)")
            } catch {
                Issue.record("\(source.name): expected invalidPayload, got \(error)")
            }
        }
        #expect(try await store.events(matching: EventFilter(), limit: 10, before: nil).isEmpty)
    }

    @Test func aBadSignatureIsStillCheckedFirst() async throws {
        let (ingestor, _) = try ingestor()
        var headers = try signed(Array("not json".utf8), for: 0)
        headers["stripe-signature"] = "t=1764000100,v1=" + String(repeating: "0", count: 64)
        await #expect {
            try await ingestor.ingest(source: "stripe", body: Array("not json".utf8), headers: headers)
        } throws: { error in
            guard case WebhookIngestor.Rejection.signature = error else { return false }
            return true
        }
    }

    @Test func aWellFormedObjectFailingValidationIsStoredQuarantined() async throws {
        let (ingestor, store) = try ingestor()
        let body = Array(#"""
        {"id":"evt_bad","object":"event","type":"invoice.finalized","created":1764000000,"data":{"object":{"id":"in_1","object":"invoice",\#
        "currency":"xyz","amount_due":100,"amount_paid":0,"amount_remaining":100,"status":"open"}}}
        """#.utf8)
        for (index, (source, _)) in Self.sources.enumerated() {
            let accepted = try await ingestor.ingest(source: source.name, body: body, headers: try signed(body, for: index))
            guard case .stored(_, .quarantined, let reason?) = accepted.result else {
                Issue.record("\(source.name): expected a quarantined event, got \(accepted.result)")
                continue
            }
            #expect(reason.contains("currency"), "\(reason)")
        }
        #expect(try await store.events(matching: EventFilter(status: .quarantined), limit: 10, before: nil).count == Self.sources.count)
    }
}
