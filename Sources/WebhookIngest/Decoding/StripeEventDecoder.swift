import Foundation
import InvoiceDomain

/// Turns a verified Stripe event body into a ``DecodedEvent``.
///
/// Reads only the fields InvoiceRelay uses and ignores the rest, so new fields from API version drift
/// change nothing. Never throws and never traps: anything unusable becomes ``DecodedEvent/invalid(eventId:type:createdAt:reason:)``
/// with every problem found, for the caller to quarantine.
public enum StripeEventDecoder {
    /// Decodes one event.
    ///
    /// The typed path settles the usual bodies; whatever it cannot (a problem to explain) goes through the
    /// schema-less path, which words the reason. Both give the same result for any body.
    /// - Parameters:
    ///   - body: The raw body that was verified.
    ///   - source: The configured source name, copied into the ``InvoiceEvent``.
    public static func decode(_ body: [UInt8], source: String) -> DecodedEvent {
        decodeTyped(body, source: source) ?? decodeSchemaless(body, source: source)
    }

    // MARK: - Exhaustive path: schema-less

    /// Decodes the whole body into ``JSONValue`` and reads it field by field, collecting every problem.
    ///
    /// The reference behaviour: ``decodeTyped(_:source:)`` returns exactly what this returns, or defers to it.
    /// About ten times slower, so it runs only for bodies the typed path cannot settle.
    static func decodeSchemaless(_ body: [UInt8], source: String) -> DecodedEvent {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: Data(body))
        } catch {
            return .invalid(eventId: nil, type: nil, createdAt: nil, reason: "body is not valid JSON")
        }
        guard case .object(let event) = root else {
            return .invalid(eventId: nil, type: nil, createdAt: nil, reason: "body is not a JSON object")
        }

        var reader = JSONFieldReader()
        let eventId = reader.requiredString(event, "id")
        let type = reader.requiredString(event, "type")
        let created = reader.optionalInteger(event, "created")
        let createdAt = created.map(JSONFieldReader.date)
        if let object = event["object"], object != .string("event") {
            reader.problem("object must be \"event\", found \(describe(object))")
        }
        guard let eventId, let type, reader.problems.isEmpty else {
            return .invalid(eventId: eventId, type: type, createdAt: createdAt, reason: reason(reader.problems))
        }
        guard let kind = InvoiceEventKind(rawValue: type) else {
            return .ignored(eventId: eventId, type: type, createdAt: createdAt)
        }

        if created == nil {
            reader.problem("created is missing")
        }
        let apiVersion = reader.optionalString(event, "api_version")
        let invoice = reader.requiredObject(event, "data").flatMap { reader.requiredObject($0, "object", at: "data.") }
        let snapshot = invoice.flatMap { invoiceSnapshot($0, kind: kind, reader: &reader) }
        guard let createdAt, let snapshot, reader.problems.isEmpty else {
            return .invalid(eventId: eventId, type: type, createdAt: createdAt, reason: reason(reader.problems))
        }

        let problems = InvoiceValidator.problems(in: snapshot)
        guard problems.isEmpty else {
            return .invalid(eventId: eventId, type: type, createdAt: createdAt, reason: reason(problems))
        }
        return .invoice(InvoiceEvent(source: source, eventId: eventId, kind: kind, createdAt: createdAt, apiVersion: apiVersion, invoice: snapshot))
    }

    // MARK: - Reasons

    /// A short, bounded description of a provider value for a reason string.
    static func describe(_ value: JSONValue) -> String {
        if case .string(let text) = value { return "\"\(text.prefix(32))\"" }
        return value.typeName
    }

    static func reason(_ problems: [String]) -> String {
        problems.isEmpty ? "unusable event" : problems.joined(separator: "; ")
    }
}
