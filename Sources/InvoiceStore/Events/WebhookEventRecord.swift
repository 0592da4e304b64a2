import Foundation
import GRDB
import StoreSeams

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

extension EventRecord {
    var stored: StoredEvent {
        StoredEvent(
            id: id, source: source, eventId: eventId, type: type, origin: origin, status: status, reason: reason,
            invoiceId: invoiceId, eventCreatedAt: eventCreatedAt, apiVersion: apiVersion, receivedAt: receivedAt,
            processedAt: processedAt, duplicateCount: duplicateCount, lastDuplicateAt: lastDuplicateAt, headers: headers, body: body
        )
    }
}
