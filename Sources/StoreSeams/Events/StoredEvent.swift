import Foundation

/// A verified event as stored: its raw body (kept for audit and re-processing) and what processing made of it.
public struct StoredEvent: Sendable, Equatable, Codable {
    public var id: Int64?
    public var source: String
    public var eventId: String
    public var type: String?
    public var origin: String
    public var status: String
    public var reason: String?
    public var invoiceId: String?
    public var eventCreatedAt: Date?
    public var apiVersion: String?
    public var receivedAt: Date
    public var processedAt: Date?
    public var duplicateCount: Int
    public var lastDuplicateAt: Date?
    /// The audit headers, as the JSON object ``IncomingEvent/headersJSON`` stored.
    public var headers: String
    public var body: Data

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
