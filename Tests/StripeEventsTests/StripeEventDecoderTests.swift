import Foundation
import InvoiceDomain
import Testing
@testable import StripeEvents
import WebhookTestSupport

@Suite("Stripe event decoding")
struct StripeEventDecoderTests {
    // MARK: - Fixtures

    static func invoiceObject() -> [String: Any] {
        [
            "id": "in_1Full", "object": "invoice", "number": "INV-0042", "customer": "cus_Full",
            "customer_name": "Ada Lovelace", "customer_email": "ada@example.com", "customer_phone": "+447700900123",
            "currency": "eur", "amount_due": 4200, "amount_paid": 1000, "amount_remaining": 3200, "due_date": 1_764_600_000,
            "status": "open", "hosted_invoice_url": "https://invoice.stripe.com/i/acct_1/test_x", "attempt_count": 2,
            "last_finalization_error": NSNull(), "customer_preferred_locales": ["de-DE", "en"],
            "metadata": ["time_zone": "Europe/Berlin", "locale": "fr-FR"],
        ]
    }

    static func event(type: String = "invoice.updated", invoice: [String: Any] = invoiceObject(), extra: [String: Any] = [:]) -> [UInt8] {
        var event: [String: Any] = [
            "id": "evt_1Full", "object": "event", "type": type, "created": 1_764_000_000, "api_version": "2024-06-20",
            "livemode": false, "data": ["object": invoice],
        ]
        event.merge(extra) { $1 }
        return json(event)
    }

    static func json(_ object: Any) -> [UInt8] {
        // Fixtures are literal dictionaries; a failure here is a bug in the test itself.
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map(Array.init) ?? []
    }

    static func invoice(with changes: [String: Any]) -> [String: Any] {
        invoiceObject().merging(changes) { $1 }
    }

    private func invalidReason(_ decoded: DecodedEvent) -> String? {
        if case .invalid(_, _, _, let reason) = decoded { return reason }
        return nil
    }

    // MARK: - Handled types

    @Test(arguments: InvoiceEventKind.allCases)
    func everyHandledTypeMapsAllFields(_ kind: InvoiceEventKind) throws {
        let decoded = StripeEventDecoder.decode(Self.event(type: kind.rawValue), source: "stripe-eu")
        guard case .invoice(let event) = decoded else {
            Issue.record("expected .invoice, got \(decoded)")
            return
        }
        #expect(event.source == "stripe-eu")
        #expect(event.eventId == "evt_1Full")
        #expect(event.kind == kind)
        #expect(event.createdAt == Date(unix: 1_764_000_000))
        #expect(event.apiVersion == "2024-06-20")
        let expected = InvoiceSnapshot(
            providerInvoiceId: "in_1Full", number: "INV-0042", customerId: "cus_Full", customerName: "Ada Lovelace",
            customerEmail: "ada@example.com", customerPhone: "+447700900123", customerLocale: "de-DE", customerTimeZone: "Europe/Berlin",
            currency: "EUR", amountDue: 4200, amountPaid: 1000, amountRemaining: 3200, dueDate: Date(unix: 1_764_600_000),
            providerStatus: "open", hostedInvoiceURL: "https://invoice.stripe.com/i/acct_1/test_x", attemptCount: 2,
            lastPaymentError: kind == .paymentFailed ? "payment failed" : nil
        )
        #expect(event.invoice == expected)
    }

    @Test func sharedVectorPayloadDecodesToPaidUSD() throws {
        let payload = try TestVectors.load().stripe.payload
        let decoded = StripeEventDecoder.decode(payload.bytes, source: "stripe")
        let expected = InvoiceEvent(
            source: "stripe", eventId: "evt_1QxTestVector0001", kind: .paid, createdAt: Date(unix: 1_764_000_000),
            invoice: InvoiceSnapshot(
                providerInvoiceId: "in_1QxTestInvoice01", customerId: "cus_TestCustomer01", currency: "USD",
                amountDue: 12500, amountPaid: 12500, amountRemaining: 0, dueDate: Date(unix: 1_764_600_000), providerStatus: "paid"
            )
        )
        #expect(decoded == .invoice(expected))
    }

    @Test func finalizationErrorMessageBecomesLastPaymentError() throws {
        for kind in [InvoiceEventKind.paymentFailed, .finalized] {
            let invoice = Self.invoice(with: ["last_finalization_error": ["message": "Your card was declined.", "code": "card_declined"]])
            guard case .invoice(let event) = StripeEventDecoder.decode(Self.event(type: kind.rawValue, invoice: invoice), source: "s") else {
                Issue.record("expected .invoice for \(kind)")
                continue
            }
            #expect(event.invoice.lastPaymentError == "Your card was declined.")
        }
    }

    @Test func minimalInvoiceLeavesOptionalsNil() throws {
        let invoice: [String: Any] = [
            "id": "in_min", "currency": "jpy", "amount_due": 500, "amount_paid": 0, "amount_remaining": 500, "status": "draft",
            "customer": NSNull(), "due_date": NSNull(), "customer_email": NSNull(), "customer_phone": "", "metadata": [:] as [String: Any],
        ]
        guard case .invoice(let event) = StripeEventDecoder.decode(Self.event(type: "invoice.created", invoice: invoice), source: "s") else {
            Issue.record("expected .invoice")
            return
        }
        #expect(event.invoice == InvoiceSnapshot(
            providerInvoiceId: "in_min", currency: "JPY", amountDue: 500, amountPaid: 0, amountRemaining: 500, providerStatus: "draft"
        ))
    }

    @Test func expandedCustomerObject() throws {
        let invoice = Self.invoice(with: [
            "customer": ["id": "cus_Expanded", "object": "customer", "email": "grace@example.org", "name": "Grace", "phone": "+12025550123", "preferred_locales": ["en-US"]],
            "customer_email": NSNull(), "customer_name": NSNull(), "customer_phone": NSNull(), "customer_preferred_locales": [String](),
        ])
        guard case .invoice(let event) = StripeEventDecoder.decode(Self.event(invoice: invoice), source: "s") else {
            Issue.record("expected .invoice")
            return
        }
        #expect(event.invoice.customerId == "cus_Expanded")
        #expect(event.invoice.customerEmail == "grace@example.org")
        #expect(event.invoice.customerName == "Grace")
        #expect(event.invoice.customerPhone == "+12025550123")
        #expect(event.invoice.customerLocale == "en-US")

        let noId = Self.invoice(with: ["customer": ["object": "customer"]])
        #expect(invalidReason(StripeEventDecoder.decode(Self.event(invoice: noId), source: "s"))?.contains("data.object.customer.id is missing") == true)
    }

    @Test func localeFallsBackToMetadata() throws {
        let invoice = Self.invoice(with: ["customer_preferred_locales": NSNull()])
        guard case .invoice(let event) = StripeEventDecoder.decode(Self.event(invoice: invoice), source: "s") else {
            Issue.record("expected .invoice")
            return
        }
        #expect(event.invoice.customerLocale == "fr-FR")
    }

    @Test func unknownFieldsAreIgnored() throws {
        var invoice = Self.invoice(with: [
            "rendering": ["template": NSNull(), "pdf": ["page_size": "a4"]], "total_taxes": [["amount": 1]], "brand_new_flag": true,
            "amount_overpaid": 0, "parent": ["type": "subscription_details"],
        ])
        invoice["status_transitions"] = ["paid_at": NSNull()]
        let body = Self.event(invoice: invoice, extra: ["api_version": "2099-01-01.future", "context": "acct_x", "request": ["id": NSNull()], "pending_webhooks": 3])
        guard case .invoice(let event) = StripeEventDecoder.decode(body, source: "s") else {
            Issue.record("expected .invoice")
            return
        }
        #expect(event.apiVersion == "2099-01-01.future")
        #expect(event.invoice.amountDue == 4200)
    }

    @Test func phonePunctuationIsNormalised() throws {
        let invoice = Self.invoice(with: ["customer_phone": "+1 (202) 555-0123"])
        guard case .invoice(let event) = StripeEventDecoder.decode(Self.event(invoice: invoice), source: "s") else {
            Issue.record("expected .invoice")
            return
        }
        #expect(event.invoice.customerPhone == "+12025550123")
    }

    // MARK: - Ignored

    @Test(arguments: ["customer.created", "invoice.upcoming", "invoiceitem.created", "charge.succeeded", "invoice.sent"])
    func unhandledTypeIsIgnored(_ type: String) {
        let body = Self.json(["id": "evt_other", "object": "event", "type": type, "created": 1_764_000_001, "data": ["object": ["id": "x"]]])
        #expect(StripeEventDecoder.decode(body, source: "s") == .ignored(eventId: "evt_other", type: type, createdAt: Date(unix: 1_764_000_001)))
    }

    // MARK: - Invalid

    @Test(arguments: [
        (["currency": "xyz"], "currency 'XYZ' is not an ISO 4217 code"),
        (["amount_due": -1], "amount_due -1 is negative"),
        (["amount_remaining": -500], "amount_remaining -500 is negative"),
        (["customer_email": "not an email"], "customer email is not a valid address"),
        (["customer_email": "ada@@example.com"], "customer email is not a valid address"),
        (["customer_phone": "555-0100"], "customer phone is not an E.164 number"),
        (["customer_phone": "+0123456"], "customer phone is not an E.164 number"),
        (["attempt_count": -2], "attempt_count -2 is negative"),
    ] as [([String: any Sendable], String)])
    func validationFailuresAreInvalid(_ change: [String: any Sendable], _ expected: String) {
        let decoded = StripeEventDecoder.decode(Self.event(type: "invoice.paid", invoice: Self.invoice(with: change)), source: "s")
        guard case .invalid(let eventId, let type, let createdAt, let reason) = decoded else {
            Issue.record("expected .invalid, got \(decoded)")
            return
        }
        #expect(eventId == "evt_1Full")
        #expect(type == "invoice.paid")
        #expect(createdAt == Date(unix: 1_764_000_000))
        #expect(reason.contains(expected), "\(reason)")
    }

    @Test(arguments: [
        (["amount_due": "4200"], "data.object.amount_due must be an integer, found a string"),
        (["amount_paid": 10.5], "data.object.amount_paid must be an integer, found a number"),
        (["amount_remaining": NSNull()], "data.object.amount_remaining is missing"),
        (["currency": 840], "data.object.currency must be a string, found a number"),
        (["status": NSNull()], "data.object.status is missing"),
        (["id": ""], "data.object.id is empty"),
        (["customer": 42], "data.object.customer must be a string, an object or null"),
        (["customer_email": ["ada@example.com"]], "data.object.customer_email must be a string or null, found an array"),
        (["due_date": "tomorrow"], "data.object.due_date must be an integer or null, found a string"),
        (["metadata": "x"], "data.object.metadata must be an object or null"),
        (["object": "subscription"], "data.object.object must be \"invoice\""),
    ] as [([String: any Sendable], String)])
    func wrongTypesAreInvalid(_ change: [String: any Sendable], _ expected: String) {
        let decoded = StripeEventDecoder.decode(Self.event(invoice: Self.invoice(with: change)), source: "s")
        let reason = invalidReason(decoded)
        #expect(reason?.contains(expected) == true, "\(decoded)")
    }

    @Test func everyProblemIsReported() throws {
        var invoice = Self.invoiceObject()
        invoice["id"] = nil
        invoice["currency"] = nil
        invoice["amount_due"] = true
        let reason = try #require(invalidReason(StripeEventDecoder.decode(Self.event(invoice: invoice), source: "s")))
        #expect(reason.contains("data.object.id is missing"))
        #expect(reason.contains("data.object.currency is missing"))
        #expect(reason.contains("data.object.amount_due must be an integer, found a boolean"))
    }

    @Test(arguments: [
        #"not json"#, "", "{", #"{"id":"evt_1","type":"invoice.paid""#, "\u{FF}\u{FE}", "null", "[1,2]", #""a string""#, "42",
    ])
    func nonJSONOrNonObjectIsInvalidWithoutIds(_ body: String) {
        let decoded = StripeEventDecoder.decode(body.bytes, source: "s")
        guard case .invalid(nil, nil, nil, let reason) = decoded else {
            Issue.record("expected .invalid without ids")
            return
        }
        #expect(!reason.isEmpty)
        #expect(decoded.malformedBodyReason == reason)
    }

    /// Only a body that is not a JSON object is malformed; an object with unusable fields is an event to quarantine.
    @Test(arguments: [
        "{}", #"{"id":"evt_1"}"#, #"{"id":"evt_1","type":"invoice.paid","created":"yesterday"}"#, #"{"id":5,"type":[]}"#,
    ])
    func aJSONObjectIsNeverMalformed(_ body: String) {
        let decoded = StripeEventDecoder.decode(body.bytes, source: "s")
        guard case .invalid = decoded else {
            Issue.record("expected .invalid, got \(decoded)")
            return
        }
        #expect(decoded.malformedBodyReason == nil)
    }

    @Test func invalidUTF8IsInvalid() {
        var body = Self.event()
        body.insert(0xFF, at: 10)
        #expect(invalidReason(StripeEventDecoder.decode(body, source: "s")) != nil)
    }

    @Test func everyTruncationIsInvalid() throws {
        let payload = try TestVectors.load().stripe.payload.bytes
        for length in 0..<payload.count {
            let decoded = StripeEventDecoder.decode(Array(payload.prefix(length)), source: "s")
            #expect(decoded == .invalid(eventId: nil, type: nil, createdAt: nil, reason: "body is not valid JSON"), "prefix \(length)")
        }
    }

    @Test func deepNestingDoesNotCrash() {
        let depth = 100_000
        let body = Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
        #expect(invalidReason(StripeEventDecoder.decode(body, source: "s")) != nil)
        let nested = Array(#"{"id":"evt_1","type":"invoice.paid","created":1,"data":{"object":"#.utf8) + body + Array("}}".utf8)
        #expect(invalidReason(StripeEventDecoder.decode(nested, source: "s")) != nil)
    }

    @Test func envelopeProblems() {
        let missingObject = Self.json(["id": "evt_2", "object": "event", "type": "invoice.paid", "created": 1_764_000_000, "data": [:] as [String: Any]])
        #expect(StripeEventDecoder.decode(missingObject, source: "s")
            == .invalid(eventId: "evt_2", type: "invoice.paid", createdAt: Date(unix: 1_764_000_000), reason: "data.object is missing"))

        let missingData = Self.json(["id": "evt_3", "type": "invoice.paid", "created": 1_764_000_000])
        #expect(invalidReason(StripeEventDecoder.decode(missingData, source: "s")) == "data is missing")

        let objectNotObject = Self.json(["id": "evt_3", "type": "invoice.paid", "created": 1_764_000_000, "data": ["object": "in_1"]])
        #expect(invalidReason(StripeEventDecoder.decode(objectNotObject, source: "s")) == "data.object must be an object, found a string")

        let noId = Self.json(["type": "invoice.paid", "created": 1_764_000_000, "data": ["object": Self.invoiceObject()]])
        #expect(StripeEventDecoder.decode(noId, source: "s")
            == .invalid(eventId: nil, type: "invoice.paid", createdAt: Date(unix: 1_764_000_000), reason: "id is missing"))

        let noType = Self.json(["id": "evt_4", "created": 1_764_000_000])
        #expect(StripeEventDecoder.decode(noType, source: "s")
            == .invalid(eventId: "evt_4", type: nil, createdAt: Date(unix: 1_764_000_000), reason: "type is missing"))

        let typeNumber = Self.json(["id": "evt_4", "type": 7])
        #expect(invalidReason(StripeEventDecoder.decode(typeNumber, source: "s")) == "type must be a string, found a number")

        let noCreated = Self.json(["id": "evt_5", "type": "invoice.paid", "data": ["object": Self.invoiceObject()]])
        #expect(StripeEventDecoder.decode(noCreated, source: "s")
            == .invalid(eventId: "evt_5", type: "invoice.paid", createdAt: nil, reason: "created is missing"))

        let createdString = Self.event(extra: ["created": "1764000000"])
        #expect(invalidReason(StripeEventDecoder.decode(createdString, source: "s")) == "created must be an integer or null, found a string")

        let notAnEvent = Self.event(extra: ["object": "invoice"])
        #expect(invalidReason(StripeEventDecoder.decode(notAnEvent, source: "s")) == #"object must be "event", found "invoice""#)
    }
}

/// The dunning fields: collection method, next attempt, billing reason, and the metadata that picks a policy and an
/// escalation address, read the same way by both decoding paths.
@Suite("Stripe event decoding: dunning fields")
struct StripeDunningFieldTests {
    static func body(_ changes: [String: Any]) -> [UInt8] {
        StripeEventDecoderTests.event(type: "invoice.payment_failed", invoice: StripeEventDecoderTests.invoice(with: changes))
    }

    @Test func dunningFieldsAreReadOnBothPaths() throws {
        let body = Self.body([
            "collection_method": "charge_automatically", "next_payment_attempt": 1_764_300_000, "billing_reason": "subscription_cycle",
            "metadata": ["time_zone": "Europe/Berlin", "reminder_policy": "gentle", "escalation_email": "boss@example.com"],
        ])
        for decoded in [StripeEventDecoder.decodeTyped(body, source: "stripe"), StripeEventDecoder.decodeSchemaless(body, source: "stripe")] {
            guard case .invoice(let event)? = decoded else {
                Issue.record("expected .invoice, got \(String(describing: decoded))")
                continue
            }
            #expect(event.invoice.collectionMethod == "charge_automatically")
            #expect(event.invoice.isChargedAutomatically)
            #expect(event.invoice.nextPaymentAttempt == Date(unix: 1_764_300_000))
            #expect(event.invoice.billingReason == "subscription_cycle")
            #expect(event.invoice.reminderPolicy == "gentle")
            #expect(event.invoice.escalationEmail == "boss@example.com")
        }
    }

    @Test func theExpandedCustomersMetadataIsTheFallback() throws {
        let body = Self.body([
            "customer": ["id": "cus_X", "metadata": ["reminder_policy": "gentle", "escalation_email": "cfo@example.com"]],
            "metadata": ["reminder_policy": "strict"],
        ])
        for decoded in [StripeEventDecoder.decodeTyped(body, source: "stripe"), StripeEventDecoder.decodeSchemaless(body, source: "stripe")] {
            guard case .invoice(let event)? = decoded else {
                Issue.record("expected .invoice, got \(String(describing: decoded))")
                continue
            }
            #expect(event.invoice.reminderPolicy == "strict")
            #expect(event.invoice.escalationEmail == "cfo@example.com")
        }
    }

    @Test func aNullNextAttemptIsNoAttempt() throws {
        let body = Self.body(["collection_method": "charge_automatically", "next_payment_attempt": NSNull()])
        guard case .invoice(let event) = StripeEventDecoder.decode(body, source: "stripe") else {
            Issue.record("expected .invoice")
            return
        }
        #expect(event.invoice.nextPaymentAttempt == nil)
        #expect(event.invoice.collectionMethod == "charge_automatically")
    }

    @Test(arguments: [
        (["next_payment_attempt": "soon"] as [String: any Sendable], "data.object.next_payment_attempt must be an integer or null, found a string"),
        (["collection_method": 3], "data.object.collection_method must be a string or null, found a number"),
    ])
    func wrongTypesAreQuarantinedAtTheirPath(_ changes: [String: any Sendable], _ reason: String) {
        let body = Self.body(changes)
        for decoded in [StripeEventDecoder.decodeTyped(body, source: "stripe"), StripeEventDecoder.decodeSchemaless(body, source: "stripe")] {
            guard case .invalid(_, _, _, let found)? = decoded else {
                // The typed path may leave a body to the schema-less one (nil); that one must still refuse it.
                #expect(decoded == nil)
                continue
            }
            #expect(found.contains(reason), "\(found)")
        }
    }
}
