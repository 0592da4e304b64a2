import Foundation
import GRDB

/// Row of the `webhookEvent` table.
struct EventRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "webhookEvent"

    var id: Int64?
    var source: String
    var eventId: String
    var type: String?
    var origin: String
    var status: String
    var reason: String?
    var invoiceId: String?
    var eventCreatedAt: Date?
    var apiVersion: String?
    var receivedAt: Date
    var processedAt: Date?
    var duplicateCount: Int
    var lastDuplicateAt: Date?
    /// JSON object of the audit headers.
    var headers: String
    var body: Data

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let source = Column(CodingKeys.source)
        static let eventId = Column(CodingKeys.eventId)
        static let type = Column(CodingKeys.type)
        static let origin = Column(CodingKeys.origin)
        static let status = Column(CodingKeys.status)
        static let invoiceId = Column(CodingKeys.invoiceId)
        static let receivedAt = Column(CodingKeys.receivedAt)
    }
}

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
    public var headers: String
    public var body: Data
}

extension EventRecord {
    var stored: StoredEvent {
        StoredEvent(
            id: id, source: source, eventId: eventId, type: type, origin: origin, status: status, reason: reason,
            invoiceId: invoiceId, eventCreatedAt: eventCreatedAt, apiVersion: apiVersion, receivedAt: receivedAt,
            processedAt: processedAt, duplicateCount: duplicateCount, lastDuplicateAt: lastDuplicateAt, headers: headers, body: body
        )
    }
}
