import Foundation
import InvoiceDomain
import Testing
@testable import StripeEvents
import WebhookTestSupport

/// The typed fast path must be an optimisation only: for every body, `decode` returns exactly what the
/// schema-less path alone returns.
@Suite("Stripe decoder: typed path agrees with the schema-less path")
struct StripeEventDecoderEquivalenceTests {
    private func expectSameResult(_ bodies: [DecoderCorpus.Body], sourceLocation: SourceLocation = #_sourceLocation) -> (typed: Int, deferred: Int) {
        var settled = (typed: 0, deferred: 0)
        for body in bodies {
            let typed = StripeEventDecoder.decodeTyped(body.bytes, source: "stripe")
            let reference = StripeEventDecoder.decodeSchemaless(body.bytes, source: "stripe")
            if let typed {
                settled.typed += 1
                #expect(typed == reference, "\(body.name)", sourceLocation: sourceLocation)
            } else {
                settled.deferred += 1
            }
            #expect(StripeEventDecoder.decode(body.bytes, source: "stripe") == reference, "\(body.name)", sourceLocation: sourceLocation)
        }
        return settled
    }

    @Test func corpusDecodesIdentically() throws {
        let bodies = try DecoderCorpus.all()
        let settled = expectSameResult(bodies)
        #expect(bodies.count > 1_500)
        #expect(settled.typed > 300, "the typed path should settle most well-formed bodies: \(settled)")
        #expect(settled.deferred > 300, "the corpus should reach the schema-less path too: \(settled)")
    }

    @Test(arguments: [(UInt64(1), 0), (2, 1), (3, 2)])
    func mutatedBodiesDecodeIdentically(seed: UInt64, baseIndex: Int) {
        var unknowns = StripeEventDecoderTests.invoice(with: [
            "zz_string": "Straße \"7\"", "zz_number": 12.5, "zz_integer": -7, "zz_bool": true, "zz_null": NSNull(),
            "zz_object": ["k": [1, "v", NSNull(), ["deep": false]]], "customer": ["id": "cus_M", "email": "m@example.com"],
        ])
        unknowns["customer_email"] = NSNull()
        let bases = [
            StripeEventDecoderTests.event(type: "invoice.payment_failed", invoice: unknowns, extra: ["zz_list": [1.25, "x", [String: Any]()]]),
            Array(#"{"id":"evt_I","object":"event","type":"customer.updated","created":1764000000,"zz":[1,{"a":"b"}],"data":{"object":{"id":"cus_1"}}}"#.utf8),
            RealisticStripeEvent.bytes,
        ]
        let count = baseIndex == 2 ? 150 : 1_000
        let settled = expectSameResult(DecoderCorpus.mutations(of: bases[baseIndex], count: count, seed: seed))
        #expect(settled.typed > count / 10 && settled.deferred > count / 10, "\(settled)")
    }

    // MARK: - Which path settles what

    @Test func typedPathSettlesUsualBodies() throws {
        var bodies = InvoiceEventKind.allCases.map { StripeEventDecoderTests.event(type: $0.rawValue) }
        bodies.append(try TestVectors.load().stripe.payload.bytes)
        bodies.append(RealisticStripeEvent.bytes)
        bodies.append(try TestVectors.fileBytes(try TestVectors.load().stripeOfficialDotnet.payloadFile))
        bodies.append(StripeEventDecoderTests.event(invoice: StripeEventDecoderTests.invoice(with: ["customer_email": "not an email"])))
        bodies.append(StripeEventDecoderTests.event(invoice: StripeEventDecoderTests.invoice(with: ["customer": ["id": "cus_X", "name": "X"]])))
        for body in bodies {
            #expect(StripeEventDecoder.decodeTyped(body, source: "s") != nil, "\(String(decoding: body.prefix(80), as: UTF8.self))")
        }
    }

    @Test func typedPathDecodesEscapesInReadFieldsAsTheSchemalessPathDoes() throws {
        let base = String(decoding: StripeEventDecoderTests.event(type: "invoice.paid"), as: UTF8.self)
        let escaped = base.replacingOccurrences(of: "Ada Lovelace", with: #"A\"d\\a\/\b\f\n\r\t\u00e9\u4e2d \u0000 Z"#)
        #expect(escaped != base)
        let typed = try #require(StripeEventDecoder.decodeTyped(escaped.bytes, source: "s"))
        #expect(typed == StripeEventDecoder.decodeSchemaless(escaped.bytes, source: "s"))
        guard case .invoice(let event) = typed else {
            Issue.record("expected an invoice event, got \(typed)")
            return
        }
        #expect(event.invoice.customerName == "A\"d\\a/\u{08}\u{0C}\n\r\té中 \u{0} Z")
    }

    @Test(arguments: [
        #"{"id":"evt_1","object":null,"type":"invoice.voided","created":1}"#,
        #"{"id":"","type":"invoice.voided","created":1}"#,
        #"{"id":"evt_1","type":"invoice.voided","created":"1"}"#,
        #"{"id":"evt_1","type":"invoice.voided"}"#,
        #"{"id":"evt_1","type":"charge.failed","created":1,"zz":"\q"}"#,
        #"{"id":"evt_1","type":"charge.failed","created":1,"zz":01}"#,
        "{\"id\":\"evt_1\",\"type\":\"charge.failed\",\"created\":1,\"zz\":\"a\nb\"}",
        #"{"id":"evt_1","type":"invoice.voided","created":1,"data":{"object":{"id":"in_1","object":null}}}"#,
    ])
    func typedPathDefersWhatNeedsExplaining(_ body: String) {
        #expect(StripeEventDecoder.decodeTyped(body.bytes, source: "s") == nil)
        guard case .invalid = StripeEventDecoder.decode(body.bytes, source: "s") else {
            Issue.record("expected .invalid")
            return
        }
    }
}
