import Foundation
import GRDB
import InvoiceDomain
import StoreSeams
import Testing

@testable import InvoiceStore

/// The positional read the delivery path uses must give exactly the record `Decodable` gives.
@Suite struct InvoiceRecordTests {
    private func store(_ snapshot: InvoiceSnapshot, in database: AppDatabase) async throws {
        let event = InvoiceEvent(
            source: "stripe", eventId: "evt_\(snapshot.providerInvoiceId)", kind: .finalized,
            createdAt: Date(timeIntervalSince1970: 1_764_000_000), invoice: snapshot
        )
        let results = try await SQLiteStore(database).ingest([IncomingEvent(
            source: "stripe", eventId: event.eventId, origin: .webhook, receivedAt: Date(timeIntervalSince1970: 1_764_000_100.5),
            headers: [:], body: Array("{}".utf8), content: .invoice(event)
        )])
        _ = try results[0].get()
    }

    @Test func positionalReadMatchesTheDecoder() async throws {
        let database = try AppDatabase.inMemory()
        let full = InvoiceSnapshot(
            providerInvoiceId: "in_full", number: "INV-1", customerId: "cus_1", customerName: "Zoë", customerEmail: "z@example.com",
            customerPhone: "+33123456789", customerLocale: "fr-FR", customerTimeZone: "Europe/Paris", currency: "EUR",
            amountDue: 4200, amountPaid: 1000, amountRemaining: 3200, dueDate: Date(timeIntervalSince1970: 1_764_600_000),
            providerStatus: "open", hostedInvoiceURL: "https://invoice.stripe.com/i/x", attemptCount: 2, lastPaymentError: "declined"
        )
        let bare = InvoiceSnapshot(providerInvoiceId: "in_bare", currency: "JPY", amountDue: 500, amountPaid: 0, amountRemaining: 500, providerStatus: "draft")
        try await store(full, in: database)
        try await store(bare, in: database)
        for id in ["in_full", "in_bare"] {
            let (positional, decoded) = try await database.writer.read { db in
                (try InvoiceRecord.fetchOne(id: id, db), try InvoiceRecord.fetchOne(db, key: id))
            }
            let record = try #require(positional)
            let reference = try #require(decoded)
            #expect(record.invoice == reference.invoice)
            #expect(record.createdAt == reference.createdAt)
            #expect(record.updatedAt == reference.updatedAt)
        }
        let read = try await database.writer.read { db in try InvoiceRecord.fetchOne(id: "in_full", db) }
        #expect(read?.invoice.snapshot == full)
        #expect(read?.updatedAt == Date(timeIntervalSince1970: 1_764_000_100.5))
        #expect(try await database.writer.read { db in try InvoiceRecord.fetchOne(id: "in_missing", db) } == nil)
    }
}
