import ArgumentParser
import Foundation
import GRDB
import InvoiceStore

/// The outbox claim query on a large database: its plan (must use an index) and its latency.
struct OutboxClaim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "outbox-claim", abstract: "Outbox claim query on a large database.")

    @Option var invoices = 1_000_000
    @Option var deliveries = 5_000_000
    @Option(help: "Reuse (or create) the database at this path instead of a temporary one.")
    var path: String?
    @Option var claims = 200
    @Option var batch = 100

    func run() async throws {
        let file = path ?? FileManager.default.temporaryDirectory.appendingPathComponent("relay-outbox-\(UUID().uuidString).sqlite").path
        let database = try AppDatabase.open(path: file, synchronous: .normal)
        let store = SQLiteStore(database)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let existing = try await database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM delivery") ?? 0 }
        if existing < deliveries {
            let started = Date()
            try await populate(database, now: now)
            print(String(format: "populated %d invoices, %d deliveries in %.1f s", invoices, deliveries, Date().timeIntervalSince(started)))
        }
        let plan = try await database.writer.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT id FROM (
                    SELECT * FROM (SELECT id, nextAttemptAt AS dueAt FROM delivery
                                    WHERE status = 'pending' AND nextAttemptAt <= ? ORDER BY nextAttemptAt LIMIT ?)
                    UNION ALL
                    SELECT * FROM (SELECT id, nextAttemptAt AS dueAt FROM delivery
                                    WHERE status = 'retry_scheduled' AND nextAttemptAt <= ? ORDER BY nextAttemptAt LIMIT ?)
                    UNION ALL
                    SELECT * FROM (SELECT id, leaseExpiresAt AS dueAt FROM delivery
                                    WHERE status = 'sending' AND leaseExpiresAt <= ? ORDER BY leaseExpiresAt LIMIT ?)
                ) ORDER BY dueAt LIMIT ?
                """, arguments: [now, batch, now, batch, now, batch, batch]).map { String(describing: $0["detail"] as String? ?? "") }
        }
        print("query plan:")
        for line in plan { print("  " + line) }
        var latencies: [Double] = []
        for round in 0..<claims {
            let clock = ContinuousClock()
            let start = clock.now
            let claimed = try await store.claimDue(now: now, limit: batch, owner: "bench-\(round)", lease: 60)
            let d = start.duration(to: clock.now)
            latencies.append(Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000)
            if claimed.isEmpty { break }
        }
        latencies.sort()
        let p50 = latencies[latencies.count / 2], p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
        print(String(format: "claimDue(limit %d) over %d claims: p50 %.2f ms, p99 %.2f ms", batch, latencies.count, p50, p99))
        if path == nil { try? FileManager.default.removeItem(atPath: file) }
    }

    /// Bulk load: 95% sent, 4% pending in the future, 1% due now.
    private func populate(_ database: AppDatabase, now: Date) async throws {
        let (invoiceCount, deliveryCount) = (invoices, deliveries)
        try await database.writer.write { db in
            let insertInvoice = try db.makeStatement(sql: """
                INSERT INTO invoice (id, source, currency, amountDue, amountPaid, amountRemaining, dueDate, status, providerStatus,
                                     attemptCount, lastEventAt, lastEventId, createdAt, updatedAt)
                VALUES (?, 'stripe', 'USD', 12500, 0, 12500, ?, 'open', 'open', 0, ?, 'evt', ?, ?)
                """)
            for i in 0..<invoiceCount {
                try insertInvoice.execute(arguments: ["in_\(i)", now, now, now, now])
            }
            let insertDelivery = try db.makeStatement(sql: """
                INSERT INTO delivery (idempotencyKey, invoiceId, step, kind, channel, status, attempts, nextAttemptAt, resendCount, createdAt, updatedAt)
                VALUES (?, ?, ?, 'overdue', 'email', ?, 0, ?, 0, ?, ?)
                """)
            for i in 0..<deliveryCount {
                let bucket = i % 100
                let status = bucket < 95 ? "sent" : "pending"
                let next = bucket == 99 ? now.addingTimeInterval(-Double(i % 3600)) : now.addingTimeInterval(86_400)
                try insertDelivery.execute(arguments: ["in_\(i % invoiceCount)|step-\(i / invoiceCount)|email", "in_\(i % invoiceCount)", "step-\(i / invoiceCount)", status, next, now, now])
            }
        }
    }
}
