package import Foundation
import InvoiceDomain

/// A verified event to be stored and applied exactly once, keyed by `(source, eventId)`.
package struct IncomingEvent: Sendable {
    package var source: String
    package var eventId: String
    package var origin: EventOrigin
    package var receivedAt: Date
    /// Headers kept for audit (signature headers included, secrets never).
    package var headers: [String: String] {
        didSet { headersJSON = Self.encodeHeaders(headers) }
    }
    /// `headers` as the JSON object that is stored, written when the event is made (by the request, in parallel)
    /// rather than inside the serial writer.
    package private(set) var headersJSON: String
    /// The exact raw body the signature was verified over.
    package var body: [UInt8]
    package var content: EventContent

    package init(source: String, eventId: String, origin: EventOrigin, receivedAt: Date, headers: [String: String], body: [UInt8], content: EventContent) {
        self.source = source
        self.eventId = eventId
        self.origin = origin
        self.receivedAt = receivedAt
        self.headers = headers
        self.headersJSON = Self.encodeHeaders(headers)
        self.body = body
        self.content = content
    }

    /// A JSON object of the audit headers, keys sorted.
    package static func encodeHeaders(_ headers: [String: String]) -> String {
        var json = ""
        JSONString.append(object: headers, to: &json)
        return json
    }
}
