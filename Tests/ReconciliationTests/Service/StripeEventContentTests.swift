import Foundation
@testable import Reconciliation
import Testing
import WebhookIngest

/// Reconciliation keys and reads an event fetched from the API exactly as the webhook ingestor keys and reads a
/// delivered copy, or the store would keep the two copies as two events.
@Suite("Reconciliation reads events as the webhook ingestor does")
struct StripeEventContentTests {
    @Test(arguments: [
        #"{"id":"evt_1","object":"event","type":"invoice.paid","created":1764000000,"data":{"object":{"id":"in_1","object":"invoice","currency":"usd","amount_due":100,"amount_paid":100,"amount_remaining":0,"status":"paid"}}}"#,
        #"{"id":"evt_2","object":"event","type":"customer.created","created":1764000000,"data":{"object":{"id":"cus_1"}}}"#,
        #"{"id":"evt_3","object":"event","type":"invoice.paid","created":1764000000,"data":{"object":{"id":"in_1","currency":"xyz"}}}"#,
        #"{"object":"event","type":"invoice.paid","created":1764000000}"#,
        #"{"id":"","type":"invoice.paid"}"#,
        "not json",
    ])
    func sameKeyAndContent(_ body: String) {
        let bytes = Array(body.utf8)
        let reconciled = StripeEventContent.interpret(body: bytes, source: "stripe")
        let delivered = WebhookIngestor.interpret(body: bytes, source: "stripe", deliveryId: nil)
        #expect(reconciled.eventId == delivered.eventId)
        #expect(reconciled.content == delivered.content)
    }

    @Test func aBodyWithoutAnIdIsKeyedByItsDigest() {
        let key = StripeEventContent.interpret(body: Array(#"{"type":"invoice.paid"}"#.utf8), source: "stripe").eventId
        #expect(key.hasPrefix("sha256:") && key.count == "sha256:".count + 64)
    }
}
