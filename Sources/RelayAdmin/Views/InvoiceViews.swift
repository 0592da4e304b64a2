package import Foundation
import InvoiceDomain
package import StoreSeams

/// An invoice as InvoiceRelay holds it, flattened.
package struct InvoiceView: Encodable, Sendable {
    package var id: String
    package var source: String
    package var number: String?
    package var status: String
    package var providerStatus: String
    package var customerId: String?
    package var customerName: String?
    package var customerEmail: String?
    package var customerPhone: String?
    package var customerLocale: String?
    package var customerTimeZone: String?
    package var currency: String
    package var amountDue: Int64
    package var amountPaid: Int64
    package var amountRemaining: Int64
    package var dueDate: Date?
    package var hostedInvoiceUrl: String?
    package var attemptCount: Int
    package var lastPaymentError: String?
    package var lastEventAt: Date
    package var lastEventId: String
    /// Remindable (open or partially paid, money remaining) and past its due date now.
    package var overdue: Bool
    /// `charge_automatically` or `send_invoice`, as the provider says.
    package var collectionMethod: String?
    package var nextPaymentAttempt: Date?
    package var billingReason: String?
    /// Metadata `reminder_policy` and `escalation_email`.
    package var reminderPolicy: String?
    package var escalationEmail: String?
    package var lastPaymentFailedAt: Date?
    package var actionRequiredAt: Date?
    /// An operator's pause of the invoice's reminders, with its note.
    package var remindersPausedUntil: Date?
    package var pauseNote: String?
    /// Steps an operator skipped.
    package var skippedSteps: [String]

    init(_ invoice: Invoice, now: Date) {
        let s = invoice.snapshot
        id = s.providerInvoiceId
        source = invoice.source
        number = s.number
        status = invoice.status.rawValue
        providerStatus = s.providerStatus
        customerId = s.customerId
        customerName = s.customerName
        customerEmail = s.customerEmail
        customerPhone = s.customerPhone
        customerLocale = s.customerLocale
        customerTimeZone = s.customerTimeZone
        currency = s.currency
        amountDue = s.amountDue
        amountPaid = s.amountPaid
        amountRemaining = s.amountRemaining
        dueDate = s.dueDate
        hostedInvoiceUrl = s.hostedInvoiceURL
        attemptCount = s.attemptCount
        lastPaymentError = s.lastPaymentError
        lastEventAt = invoice.lastEventAt
        lastEventId = invoice.lastEventId
        overdue = invoice.isRemindable && (s.dueDate.map { $0 < now } ?? false)
        collectionMethod = s.collectionMethod
        nextPaymentAttempt = s.nextPaymentAttempt
        billingReason = s.billingReason
        reminderPolicy = s.reminderPolicy
        escalationEmail = s.escalationEmail
        lastPaymentFailedAt = invoice.lastPaymentFailedAt
        actionRequiredAt = invoice.actionRequiredAt
        remindersPausedUntil = invoice.remindersPausedUntil
        pauseNote = invoice.pauseNote
        skippedSteps = invoice.skippedSteps
    }
}

/// One line of an invoice's history.
package struct TimelineEntry: Encodable, Sendable, Equatable {
    package var at: Date
    /// `event`, `delivery_queued`, `delivery_attempt` or `drift_correction`.
    package var kind: String
    package var summary: String
    /// What the line is about: `event:12`, `delivery:7`, `drift:3`.
    package var ref: String
}

/// An invoice with everything that happened to it: events applied, deliveries and their attempts,
/// drift corrections, and all of them merged into one chronological timeline.
package struct InvoiceDetail: Encodable, Sendable {
    package var invoice: InvoiceView
    package var events: [EventSummary]
    package var deliveries: [DeliveryDetail]
    package var driftCorrections: [DriftRecord]
    package var timeline: [TimelineEntry]
}
