import Foundation
import InvoiceDomain

/// Where an event came from: pushed by the provider, or pulled by reconciliation.
public enum EventOrigin: String, Sendable, Codable, CaseIterable {
    case webhook
    case reconcile
}

/// What processing made of a stored event.
public enum EventStatus: String, Sendable, Codable, CaseIterable {
    /// Changed the invoice.
    case applied
    /// Valid but older than (or not as far along as) what the invoice already reflects; nothing changed.
    case superseded
    /// Verified but failed validation or could not be decoded; kept for admins to re-process.
    case quarantined
    /// A type we do not handle.
    case ignored
}

/// What the decoder made of a verified event body, in domain terms.
public enum EventContent: Sendable, Equatable {
    case invoice(InvoiceEvent)
    case ignored(type: String, createdAt: Date?)
    case invalid(type: String?, createdAt: Date?, reason: String)
}

/// A verified event to be stored and applied exactly once, keyed by `(source, eventId)`.
public struct IncomingEvent: Sendable {
    public var source: String
    public var eventId: String
    public var origin: EventOrigin
    public var receivedAt: Date
    /// Headers kept for audit (signature headers included, secrets never).
    public var headers: [String: String] {
        didSet { headersJSON = Self.encodeHeaders(headers) }
    }
    /// `headers` as the JSON object that is stored, written when the event is made (by the request, in parallel)
    /// rather than inside the serial writer.
    public private(set) var headersJSON: String
    /// The exact raw body the signature was verified over.
    public var body: [UInt8]
    public var content: EventContent

    public init(source: String, eventId: String, origin: EventOrigin, receivedAt: Date, headers: [String: String], body: [UInt8], content: EventContent) {
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
    static func encodeHeaders(_ headers: [String: String]) -> String {
        var json = ""
        JSONString.append(object: headers, to: &json)
        return json
    }
}

/// The durable result of ingesting one event.
public enum IngestResult: Sendable, Equatable {
    /// First time we saw `(source, eventId)`: stored (and applied if it was applicable) in one transaction.
    case stored(id: Int64, status: EventStatus, reason: String?)
    /// Seen before; nothing changed. Carries the status of the first copy.
    case duplicate(id: Int64, status: EventStatus)

    public var eventRowId: Int64 {
        switch self {
        case .stored(let id, _, _), .duplicate(let id, _): id
        }
    }
}
