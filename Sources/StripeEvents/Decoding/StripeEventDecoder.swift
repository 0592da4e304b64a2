import Foundation
import InvoiceDomain

/// Turns a verified Stripe event body into a ``DecodedEvent``.
///
/// Reads only the fields listed in ``StripeField`` and ignores the rest, so new fields from API version drift
/// change nothing. Never throws and never traps: anything unusable becomes ``DecodedEvent/invalid(eventId:type:createdAt:reason:)``
/// with every problem found, for the caller to quarantine.
///
/// Two paths read the fields, both driven by the ``StripeField`` table and both handing them to the same
/// ``StripeEventAssembler``: a typed scan of the bytes for the usual bodies, and a schema-less decode for the rest.
package enum StripeEventDecoder {
    /// Decodes one event.
    ///
    /// The typed path settles the usual bodies; whatever it cannot (a problem to explain) goes through the
    /// schema-less path, which words the reason. Both give the same result for any body.
    /// - Parameters:
    ///   - body: The raw body that was verified.
    ///   - source: The configured source name, copied into the ``InvoiceEvent``.
    package static func decode(_ body: [UInt8], source: String) -> DecodedEvent {
        decodeTyped(body, source: source) ?? decodeSchemaless(body, source: source)
    }

    // MARK: - Fast path: typed scan

    /// Scans the fields straight out of the bytes (``StripeFieldValues``), skipping the rest unconverted.
    ///
    /// Returns the same ``DecodedEvent`` as ``decodeSchemaless(_:source:)`` would, or `nil` whenever that path should
    /// answer: a body the scanner leaves to it (not JSON, unusual tokens, a field given twice), or a missing or
    /// mistyped field (the schema-less path has every problem of the body to word). Validation failures are answered here.
    static func decodeTyped(_ body: [UInt8], source: String) -> DecodedEvent? {
        guard JSONTokenCheck.tokensAreConvertible(body), let values = StripeFieldValues(scanning: body) else { return nil }
        var assembler = StripeEventAssembler(values)
        let decoded = assembler.event(source: source)
        return assembler.problems.isEmpty ? decoded : nil
    }

    // MARK: - Exhaustive path: schema-less

    /// Decodes the whole body into ``JSONValue`` and reads the fields out of it, collecting every problem.
    ///
    /// The reference behaviour: ``decodeTyped(_:source:)`` returns exactly what this returns, or defers to it.
    /// About ten times slower, so it runs only for bodies the typed path cannot settle.
    static func decodeSchemaless(_ body: [UInt8], source: String) -> DecodedEvent {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: Data(body))
        } catch {
            return .invalid(eventId: nil, type: nil, createdAt: nil, reason: notJSON)
        }
        guard case .object(let event) = root else {
            return .invalid(eventId: nil, type: nil, createdAt: nil, reason: notAnObject)
        }
        var assembler = StripeEventAssembler(JSONFieldSource(event: event))
        return assembler.event(source: source)
    }

    // MARK: - Bodies that are not an event at all

    /// The reason for a body that is not JSON (empty, truncated, not UTF-8, trailing bytes after the value).
    static let notJSON = "body is not valid JSON"
    /// The reason for JSON that is not an object (an array, a string, a number...).
    static let notAnObject = "body is not a JSON object"
}
