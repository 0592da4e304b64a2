package import Foundation

/// A verified event as stored: its raw body (kept for audit and re-processing) and what processing made of it.
package struct StoredEvent: Sendable, Equatable, Codable {
    package var id: Int64?
    package var source: String
    package var eventId: String
    package var type: String?
    package var origin: String
    package var status: String
    package var reason: String?
    package var invoiceId: String?
    package var eventCreatedAt: Date?
    package var apiVersion: String?
    package var receivedAt: Date
    package var processedAt: Date?
    package var duplicateCount: Int
    package var lastDuplicateAt: Date?
    /// The audit headers, as the JSON object ``IncomingEvent/headersJSON`` stored.
    package var headers: String
    package var body: Data

    package init(
        id: Int64?, source: String, eventId: String, type: String?, origin: String, status: String, reason: String?,
        invoiceId: String?, eventCreatedAt: Date?, apiVersion: String?, receivedAt: Date, processedAt: Date?,
        duplicateCount: Int, lastDuplicateAt: Date?, headers: String, body: Data
    ) {
        self.id = id
        self.source = source
        self.eventId = eventId
        self.type = type
        self.origin = origin
        self.status = status
        self.reason = reason
        self.invoiceId = invoiceId
        self.eventCreatedAt = eventCreatedAt
        self.apiVersion = apiVersion
        self.receivedAt = receivedAt
        self.processedAt = processedAt
        self.duplicateCount = duplicateCount
        self.lastDuplicateAt = lastDuplicateAt
        self.headers = headers
        self.body = body
    }
}
