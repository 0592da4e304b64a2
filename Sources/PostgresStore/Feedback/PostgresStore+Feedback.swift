package import Foundation
package import InvoiceDomain
import Logging
import PostgresNIO
package import StoreSeams

extension PostgresStore: FeedbackStore {
    /// Records a provider's status for the delivery its references name; a status never moves backwards (the
    /// delivery row is locked while its rank is compared).
    package func recordProviderStatus(_ report: ProviderStatusReport, at now: Date) async throws -> ProviderStatusRecording {
        let logger = logger
        return try await write { connection in
            var row: PostgresRandomAccessRow?
            for reference in report.references where row == nil {
                switch reference {
                case .providerMessageId(let id):
                    row = try await connection.query("""
                        SELECT id, channel, recipient, provider_status FROM delivery
                        WHERE provider_message_id = \(id) AND provider = \(report.provider.rawValue) FOR UPDATE
                        """, logger: logger).rows().first
                case .idempotencyKey(let key):
                    row = try await connection.query(
                        "SELECT id, channel, recipient, provider_status FROM delivery WHERE idempotency_key = \(key) FOR UPDATE", logger: logger
                    ).rows().first
                }
            }
            let channel = report.provider.channel
            let address = try report.address ?? row?.value("recipient", as: String?.self)
            var suppressed = false
            if let reason = report.suppress, let address, !address.isEmpty {
                let deliveryId = try row?.value("id", as: Int64.self)
                suppressed = try await Self.insert(
                    Suppression(channel: channel, address: address, reason: reason, provider: report.provider.rawValue,
                                deliveryId: deliveryId, detail: report.errorCode, createdAt: now),
                    connection, logger: logger
                )
            }
            guard let row else { return .unknownMessage(suppressed: suppressed) }
            let id: Int64 = try row.value("id")
            let current = try row.value("provider_status", as: String?.self).flatMap(ProviderStatus.init(rawValue:))
            if let current, current.rank >= report.status.rank {
                return .unchanged(deliveryId: id, suppressed: suppressed)
            }
            try await connection.query("""
                UPDATE delivery SET provider_status = \(report.status.rawValue), provider_error = \(report.errorCode), provider_status_at = \(now)
                WHERE id = \(id)
                """, logger: logger)
            return .recorded(deliveryId: id, suppressed: suppressed)
        }
    }

    package func providerFeedback(deliveryIds: [Int64]) async throws -> [Int64: ProviderFeedback] {
        guard !deliveryIds.isEmpty else { return [:] }
        return try await read { connection in
            var feedback: [Int64: ProviderFeedback] = [:]
            let rows = try await connection.query("""
                SELECT id, provider_status, provider_error, provider_status_at FROM delivery
                WHERE provider_status IS NOT NULL AND id = ANY(\(deliveryIds))
                """, logger: logger).rows()
            for row in rows {
                guard let status = try row.value("provider_status", as: String?.self).flatMap(ProviderStatus.init(rawValue:)) else { continue }
                let id: Int64 = try row.value("id")
                feedback[id] = ProviderFeedback(
                    deliveryId: id, status: status, errorCode: try row.value("provider_error"), at: try row.value("provider_status_at")
                )
            }
            return feedback
        }
    }

    package func suppress(_ suppression: Suppression) async throws -> Bool {
        let logger = logger
        return try await read { connection in try await Self.insert(suppression, connection, logger: logger) }
    }

    package func removeSuppression(channel: Channel, address: String) async throws -> Suppression? {
        let address = Suppression.normalise(address, channel: channel)
        return try await read { connection in
            try await connection.query(
                "DELETE FROM suppression WHERE channel = \(channel.rawValue) AND address = \(address) RETURNING *", logger: logger
            ).rows().first.map(Self.suppression)
        }
    }

    package func suppression(channel: Channel, address: String) async throws -> Suppression? {
        let address = Suppression.normalise(address, channel: channel)
        return try await read { connection in
            try await connection.query(
                "SELECT * FROM suppression WHERE channel = \(channel.rawValue) AND address = \(address)", logger: logger
            ).rows().first.map(Self.suppression)
        }
    }

    package func suppressions(channel: Channel?, limit: Int, before: Date?) async throws -> [Suppression] {
        var query = SQLBuilder("SELECT * FROM suppression")
        if let channel { try query.filter("channel = ?", channel.rawValue) }
        if let before { try query.filter("created_at < ?", before) }
        let built = try query.query("ORDER BY created_at DESC, address LIMIT ?", limit: limit)
        return try await read { connection in try await connection.query(built, logger: logger).rows().map(Self.suppression) }
    }

    static func isSuppressed(channel: Channel, address: String?, _ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        guard let address, !address.isEmpty else { return false }
        let normalised = Suppression.normalise(address, channel: channel)
        return try await !connection.query(
            "SELECT 1 FROM suppression WHERE channel = \(channel.rawValue) AND address = \(normalised)", logger: logger
        ).rows().isEmpty
    }

    private static func insert(_ suppression: Suppression, _ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await !connection.query("""
            INSERT INTO suppression (channel, address, reason, provider, delivery_id, detail, created_at)
            VALUES (\(suppression.channel.rawValue), \(suppression.address), \(suppression.reason.rawValue), \(suppression.provider),
                    \(suppression.deliveryId), \(suppression.detail), \(suppression.createdAt))
            ON CONFLICT (channel, address) DO NOTHING
            RETURNING address
            """, logger: logger).rows().isEmpty
    }

    static func suppression(_ row: PostgresRandomAccessRow) throws -> Suppression {
        let channel: String = try row.value("channel")
        let reason: String = try row.value("reason")
        return Suppression(
            channel: Channel(rawValue: channel) ?? .email, address: try row.value("address"), reason: SuppressionReason(rawValue: reason) ?? .manual,
            provider: try row.value("provider"), deliveryId: try row.value("delivery_id"), detail: try row.value("detail"),
            createdAt: try row.value("created_at")
        )
    }
}
