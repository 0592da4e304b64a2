package import Foundation
import GRDB
package import InvoiceDomain
package import StoreSeams

extension SQLiteStore: FeedbackStore {
    package func recordProviderStatus(_ report: ProviderStatusReport, at now: Date) async throws -> ProviderStatusRecording {
        try await writer.write { db in
            var row: Row?
            for reference in report.references where row == nil {
                switch reference {
                case .providerMessageId(let id):
                    row = try Row.fetchOne(
                        db.cachedStatement(sql: "SELECT id, channel, recipient, providerStatus FROM delivery WHERE providerMessageId = ? AND provider = ?"),
                        arguments: [id, report.provider.rawValue]
                    )
                case .idempotencyKey(let key):
                    row = try Row.fetchOne(
                        db.cachedStatement(sql: "SELECT id, channel, recipient, providerStatus FROM delivery WHERE idempotencyKey = ?"),
                        arguments: [key]
                    )
                }
            }
            let channel = report.provider.channel
            let address = report.address ?? row?["recipient"]
            var suppressed = false
            if let reason = report.suppress, let address, !address.isEmpty {
                let deliveryId: Int64? = row?["id"]
                suppressed = try Self.insert(
                    Suppression(channel: channel, address: address, reason: reason, provider: report.provider.rawValue,
                                deliveryId: deliveryId, detail: report.errorCode, createdAt: now),
                    db
                )
            }
            guard let row else { return .unknownMessage(suppressed: suppressed) }
            let id: Int64 = row["id"]
            let current = (row["providerStatus"] as String?).flatMap(ProviderStatus.init(rawValue:))
            if let current, current.rank >= report.status.rank {
                return .unchanged(deliveryId: id, suppressed: suppressed)
            }
            try db.execute(
                sql: "UPDATE delivery SET providerStatus = ?, providerError = ?, providerStatusAt = ? WHERE id = ?",
                arguments: [report.status.rawValue, report.errorCode, now, id]
            )
            return .recorded(deliveryId: id, suppressed: suppressed)
        }
    }

    package func providerFeedback(deliveryIds: [Int64]) async throws -> [Int64: ProviderFeedback] {
        guard !deliveryIds.isEmpty else { return [:] }
        return try await writer.read { db in
            var feedback: [Int64: ProviderFeedback] = [:]
            for chunk in stride(from: 0, to: deliveryIds.count, by: 500) {
                let ids = Array(deliveryIds[chunk..<min(chunk + 500, deliveryIds.count)])
                let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
                let rows = try Row.fetchAll(
                    db, sql: "SELECT id, providerStatus, providerError, providerStatusAt FROM delivery WHERE providerStatus IS NOT NULL AND id IN (\(placeholders))",
                    arguments: StatementArguments(ids)
                )
                for row in rows {
                    guard let status = (row["providerStatus"] as String?).flatMap(ProviderStatus.init(rawValue:)) else { continue }
                    let id: Int64 = row["id"]
                    feedback[id] = ProviderFeedback(deliveryId: id, status: status, errorCode: row["providerError"], at: row["providerStatusAt"])
                }
            }
            return feedback
        }
    }

    package func suppress(_ suppression: Suppression) async throws -> Bool {
        try await writer.write { db in try Self.insert(suppression, db) }
    }

    package func removeSuppression(channel: Channel, address: String) async throws -> Suppression? {
        let address = Suppression.normalise(address, channel: channel)
        return try await writer.write { db in
            let existing = try SuppressionRecord.fetchOne(db, key: ["channel": channel.rawValue, "address": address])
            if existing != nil {
                try db.execute(sql: "DELETE FROM suppression WHERE channel = ? AND address = ?", arguments: [channel.rawValue, address])
            }
            return existing?.suppression
        }
    }

    package func suppression(channel: Channel, address: String) async throws -> Suppression? {
        let address = Suppression.normalise(address, channel: channel)
        return try await writer.read { db in
            try SuppressionRecord.fetchOne(db, key: ["channel": channel.rawValue, "address": address])?.suppression
        }
    }

    package func suppressions(channel: Channel?, limit: Int, before: Date?) async throws -> [Suppression] {
        try await writer.read { db in
            var request = SuppressionRecord.all()
            if let channel { request = request.filter(Column("channel") == channel.rawValue) }
            if let before { request = request.filter(Column("createdAt") < before) }
            return try request.order(Column("createdAt").desc, Column("address")).limit(limit).fetchAll(db).map(\.suppression)
        }
    }

    /// Whether `address` (as the invoice holds it) is suppressed on `channel`: part of the delivery checks.
    static func isSuppressed(channel: Channel, address: String?, _ db: Database) throws -> Bool {
        guard let address, !address.isEmpty else { return false }
        return try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM suppression WHERE channel = ? AND address = ?"),
            arguments: [channel.rawValue, Suppression.normalise(address, channel: channel)]
        ) ?? false
    }

    private static func insert(_ suppression: Suppression, _ db: Database) throws -> Bool {
        try db.execute(
            sql: """
                INSERT INTO suppression (channel, address, reason, provider, deliveryId, detail, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(channel, address) DO NOTHING
                """,
            arguments: [suppression.channel.rawValue, suppression.address, suppression.reason.rawValue, suppression.provider,
                        suppression.deliveryId, suppression.detail, suppression.createdAt]
        )
        return db.changesCount > 0
    }
}

/// Row of the `suppression` table.
struct SuppressionRecord: Codable, FetchableRecord, TableRecord, Sendable {
    static let databaseTableName = "suppression"
    var channel: String
    var address: String
    var reason: String
    var provider: String?
    var deliveryId: Int64?
    var detail: String?
    var createdAt: Date

    var suppression: Suppression {
        Suppression(
            channel: Channel(rawValue: channel) ?? .email, address: address, reason: SuppressionReason(rawValue: reason) ?? .manual,
            provider: provider, deliveryId: deliveryId, detail: detail, createdAt: createdAt
        )
    }
}
