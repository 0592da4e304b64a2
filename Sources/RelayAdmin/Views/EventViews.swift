import Foundation
import StoreSeams

/// A stored webhook or reconciliation event, without its body.
public struct EventSummary: Encodable, Sendable {
    public var id: Int64
    public var source: String
    public var eventId: String
    public var type: String?
    /// `webhook` or `reconcile`.
    public var origin: String
    /// `applied`, `superseded`, `quarantined` or `ignored`.
    public var status: String
    public var reason: String?
    public var invoiceId: String?
    public var eventCreatedAt: Date?
    public var apiVersion: String?
    public var receivedAt: Date
    public var processedAt: Date?
    /// How many more copies arrived after the first (a duplicate changes nothing).
    public var duplicateCount: Int
    public var lastDuplicateAt: Date?

    init(_ event: StoredEvent) {
        id = event.id ?? 0
        source = event.source
        eventId = event.eventId
        type = event.type
        origin = event.origin
        status = event.status
        reason = event.reason
        invoiceId = event.invoiceId
        eventCreatedAt = event.eventCreatedAt
        apiVersion = event.apiVersion
        receivedAt = event.receivedAt
        processedAt = event.processedAt
        duplicateCount = event.duplicateCount
        lastDuplicateAt = event.lastDuplicateAt
    }
}

/// An event with the exact raw body its signature was verified over (as UTF-8 text when it is text,
/// and always as base64) and the audit headers kept with it.
public struct EventDetail: Encodable, Sendable {
    public var event: EventSummary
    public var headers: [String: String]
    public var bodyText: String?
    public var bodyBase64: String

    init(_ stored: StoredEvent) {
        event = EventSummary(stored)
        headers = (try? JSONDecoder().decode([String: String].self, from: Data(stored.headers.utf8))) ?? [:]
        bodyText = String(data: stored.body, encoding: .utf8)
        bodyBase64 = stored.body.base64EncodedString()
    }
}

/// The outcome of re-processing a quarantined event.
public struct ReprocessResult: Encodable, Sendable {
    public var event: EventSummary
    public var previousStatus: String
}
