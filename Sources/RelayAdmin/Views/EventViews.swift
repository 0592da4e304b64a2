package import Foundation
import StoreSeams

/// A stored webhook or reconciliation event, without its body.
package struct EventSummary: Encodable, Sendable {
    package var id: Int64
    package var source: String
    package var eventId: String
    package var type: String?
    /// `webhook` or `reconcile`.
    package var origin: String
    /// `applied`, `superseded`, `quarantined` or `ignored`.
    package var status: String
    package var reason: String?
    package var invoiceId: String?
    package var eventCreatedAt: Date?
    package var apiVersion: String?
    package var receivedAt: Date
    package var processedAt: Date?
    /// How many more copies arrived after the first (a duplicate changes nothing).
    package var duplicateCount: Int
    package var lastDuplicateAt: Date?

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
package struct EventDetail: Encodable, Sendable {
    package var event: EventSummary
    package var headers: [String: String]
    package var bodyText: String?
    package var bodyBase64: String

    init(_ stored: StoredEvent) {
        event = EventSummary(stored)
        headers = (try? JSONDecoder().decode([String: String].self, from: Data(stored.headers.utf8))) ?? [:]
        bodyText = String(data: stored.body, encoding: .utf8)
        bodyBase64 = stored.body.base64EncodedString()
    }
}

/// The outcome of re-processing a quarantined event.
package struct ReprocessResult: Encodable, Sendable {
    package var event: EventSummary
    package var previousStatus: String
}
