package import Foundation

/// The invoice event types InvoiceRelay understands (Stripe names).
package enum InvoiceEventKind: String, Sendable, Codable, CaseIterable {
    case created = "invoice.created"
    case finalized = "invoice.finalized"
    case updated = "invoice.updated"
    case paid = "invoice.paid"
    case paymentSucceeded = "invoice.payment_succeeded"
    case paymentFailed = "invoice.payment_failed"
    case paymentActionRequired = "invoice.payment_action_required"
    case voided = "invoice.voided"
    case markedUncollectible = "invoice.marked_uncollectible"
    case overdue = "invoice.overdue"
    case willBeDue = "invoice.will_be_due"
}

/// A provider event about one invoice, decoded and validated, ready for the state machine.
package struct InvoiceEvent: Sendable, Equatable {
    /// Configured source name (idempotency key part 1).
    package var source: String
    /// Provider event id, e.g. `evt_...` (idempotency key part 2).
    package var eventId: String
    package var kind: InvoiceEventKind
    /// Provider's `created` time of the event; the ordering key.
    package var createdAt: Date
    package var apiVersion: String?
    package var invoice: InvoiceSnapshot

    package init(source: String, eventId: String, kind: InvoiceEventKind, createdAt: Date, apiVersion: String? = nil, invoice: InvoiceSnapshot) {
        self.source = source
        self.eventId = eventId
        self.kind = kind
        self.createdAt = createdAt
        self.apiVersion = apiVersion
        self.invoice = invoice
    }
}
