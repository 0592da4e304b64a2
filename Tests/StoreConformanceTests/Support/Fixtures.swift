import Foundation
import InvoiceDomain
import StoreSeams

/// Events, invoices and reminders the conformance tests store. Dates are whole seconds, which every backend
/// stores exactly.
enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)
    static let dueDate = now.addingTimeInterval(3 * 86_400)

    static func snapshot(
        _ invoice: String, providerStatus: String = "open", amountDue: Int64 = 12_500, amountPaid: Int64 = 0,
        customer: String? = "cus_1", dueDate: Date? = Fixture.dueDate
    ) -> InvoiceSnapshot {
        InvoiceSnapshot(
            providerInvoiceId: invoice, number: "INV-\(invoice)", customerId: customer, customerName: "Ada Lovelace",
            customerEmail: "ada@example.com", customerPhone: "+447700900123", customerLocale: "en-GB",
            customerTimeZone: "Europe/London", currency: "GBP", amountDue: amountDue, amountPaid: amountPaid,
            amountRemaining: amountDue - amountPaid, dueDate: dueDate, providerStatus: providerStatus
        )
    }

    /// A verified invoice event created at `createdAt`, received a second later.
    static func event(
        _ id: String, invoice: String, kind: InvoiceEventKind = .finalized, createdAt: Date = Fixture.now,
        snapshot: InvoiceSnapshot? = nil, origin: EventOrigin = .webhook, source: String = "stripe"
    ) -> IncomingEvent {
        let content = EventContent.invoice(InvoiceEvent(
            source: source, eventId: id, kind: kind, createdAt: createdAt, apiVersion: "2024-06-20",
            invoice: snapshot ?? Self.snapshot(invoice)
        ))
        return IncomingEvent(
            source: source, eventId: id, origin: origin, receivedAt: createdAt.addingTimeInterval(1),
            headers: ["stripe-signature": "t=1,v1=00"], body: Array(#"{"id":"\#(id)"}"#.utf8), content: content
        )
    }

    /// A paid event for `invoice` (nothing remaining).
    static func paid(_ id: String, invoice: String, createdAt: Date, customer: String? = "cus_1") -> IncomingEvent {
        event(id, invoice: invoice, kind: .paid, createdAt: createdAt, snapshot: snapshot(invoice, providerStatus: "paid", amountPaid: 12_500, customer: customer))
    }

    static func reminder(_ invoice: String, step: String = "due_in_3d", channel: Channel = .email, notBefore: Date = Fixture.now) -> NewDelivery {
        NewDelivery(invoiceId: invoice, step: step, kind: "before_due", channel: channel, recipient: "ada@example.com", notBefore: notBefore)
    }
}

extension IngestStore {
    /// Ingests one event and returns its outcome.
    func ingest(_ event: IncomingEvent) async throws -> IngestResult {
        let results = try await ingest([event])
        guard results.count == 1 else { throw StoreError.invalid("expected one result, got \(results.count)") }
        return try results[0].get()
    }
}

extension IngestResult {
    var status: EventStatus {
        switch self {
        case .stored(_, let status, _), .duplicate(_, let status): status
        }
    }

    var isDuplicate: Bool {
        if case .duplicate = self { return true }
        return false
    }
}

extension StoreError {
    var isConflict: Bool {
        if case .conflict = self { return true }
        return false
    }

    var isNotFound: Bool {
        if case .notFound = self { return true }
        return false
    }
}
