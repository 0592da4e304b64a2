import Foundation
import InvoiceDomain
import Testing
@testable import StripeEvents

/// The ``StripeField`` table is what both decoding paths follow: these tests check the table itself, and that a
/// field's row (its key, its place, its kind) is what each path actually reads.
@Suite("Stripe field table")
struct StripeFieldTableTests {
    // MARK: - The table

    @Test func everyFilledPropertyExistsAndEverySnapshotPropertyIsFilled() throws {
        let snapshot = InvoiceSnapshot(providerInvoiceId: "in_1", currency: "EUR", amountDue: 0, amountPaid: 0, amountRemaining: 0, providerStatus: "open")
        let event = InvoiceEvent(source: "s", eventId: "evt_1", kind: .paid, createdAt: Date(), invoice: snapshot)
        let properties = Set(Mirror(reflecting: snapshot).children.compactMap { $0.label.map { "InvoiceSnapshot.\($0)" } })
            .union(Mirror(reflecting: event).children.compactMap { $0.label.map { "InvoiceEvent.\($0)" } })
        let filled = Set(StripeField.allCases.compactMap { $0.spec.fills?.description })
        #expect(filled.subtracting(properties).isEmpty, "fills names no such property: \(filled.subtracting(properties).sorted())")
        // `source` is the configured source name, not a field of the body.
        #expect(properties.subtracting(filled) == ["InvoiceEvent.source"])
    }

    @Test func everyFieldHasABitInTheScannersFieldSet() {
        #expect(StripeField.allCases.count <= 64)
    }

    @Test func keysAreUniqueInTheirObjectAndParentsHoldObjects() {
        var seen: Set<String> = []
        for field in StripeField.allCases {
            #expect(seen.insert(field.spec.path).inserted, "\(field) repeats \(field.spec.path)")
            if let parent = field.spec.parent {
                switch parent.spec.kind {
                case .object, .idOrObject: break
                default: Issue.record("\(field)'s parent \(parent) does not hold an object")
                }
            }
        }
    }

    @Test(arguments: [
        (StripeField.eventId, "id"), (.eventObject, "object"), (.invoice, "data.object"), (.invoiceId, "data.object.id"),
        (.customerId, "data.object.customer.id"), (.metadataTimeZone, "data.object.metadata.time_zone"),
        (.finalizationMessage, "data.object.last_finalization_error.message"),
    ])
    func pathsAreSpelledAsReasonsNameThem(_ field: StripeField, _ path: String) {
        #expect(field.spec.path == path)
    }

    // MARK: - Both paths read each row

    /// For every field: the field set to `true` (no kind takes a boolean) in an event where it is read is a problem
    /// named by the field's path, the typed path leaves it to the schema-less one, and `decode` agrees with that.
    @Test(arguments: StripeField.allCases)
    func aMistypedFieldIsNamedByItsPathOnBothPaths(_ field: StripeField) throws {
        let body = Self.body(with: true, at: field)
        #expect(StripeEventDecoder.decodeTyped(body, source: "s") == nil)
        let decoded = StripeEventDecoder.decode(body, source: "s")
        #expect(decoded == StripeEventDecoder.decodeSchemaless(body, source: "s"))
        guard case .invalid(_, _, _, let reason) = decoded else {
            Issue.record("expected .invalid, got \(decoded)")
            return
        }
        #expect(reason.contains("\(field.spec.path) must be"), "\(reason)")
    }

    /// For every string field: a value with escapes is read (decoded) identically by both paths.
    @Test(arguments: StripeField.allCases.filter { if case .string = $0.spec.kind { true } else { false } })
    func aStringFieldIsReadIdenticallyByBothPaths(_ field: StripeField) throws {
        let body = Self.body(with: "x\\u00e9\\n\"", at: field)
        let typed = try #require(StripeEventDecoder.decodeTyped(body, source: "s"), "typed path deferred")
        #expect(typed == StripeEventDecoder.decodeSchemaless(body, source: "s"))
    }

    // MARK: - Fixtures

    /// A handled event in which `field` is read (the values it falls back from are `null`), holding `value`.
    static func body(with value: Any, at field: StripeField) -> [UInt8] {
        var invoice = StripeEventDecoderTests.invoiceObject()
        for primary in ["customer_name", "customer_email", "customer_phone", "customer_preferred_locales"] {
            invoice[primary] = NSNull()
        }
        invoice["customer"] = ["id": "cus_Expanded"]
        invoice["metadata"] = [String: Any]()
        invoice["last_finalization_error"] = [String: Any]()
        var event: [String: Any] = [
            "id": "evt_1", "object": "event", "type": "invoice.updated", "created": 1_764_000_000, "data": ["object": invoice],
        ]
        var keys: [String] = []
        var next: StripeField? = field
        while let current = next {
            keys.insert(current.spec.key.description, at: 0)
            next = current.spec.parent
        }
        set(value, at: keys[...], in: &event)
        return StripeEventDecoderTests.json(event)
    }

    private static func set(_ value: Any, at keys: ArraySlice<String>, in object: inout [String: Any]) {
        guard let key = keys.first else { return }
        if keys.count == 1 {
            object[key] = value
        } else {
            var inner = object[key] as? [String: Any] ?? [:]
            set(value, at: keys.dropFirst(), in: &inner)
            object[key] = inner
        }
    }
}
