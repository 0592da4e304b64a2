import Foundation
import InvoiceDomain
import StoreSeams

/// An invoice as InvoiceRelay holds it, flattened.
public struct InvoiceView: Encodable, Sendable {
    public var id: String
    public var source: String
    public var number: String?
    public var status: String
    public var providerStatus: String
    public var customerId: String?
    public var customerName: String?
    public var customerEmail: String?
    public var customerPhone: String?
    public var customerLocale: String?
    public var customerTimeZone: String?
    public var currency: String
    public var amountDue: Int64
    public var amountPaid: Int64
    public var amountRemaining: Int64
    public var dueDate: Date?
    public var hostedInvoiceUrl: String?
    public var attemptCount: Int
    public var lastPaymentError: String?
    public var lastEventAt: Date
    public var lastEventId: String
    /// Remindable (open or partially paid, money remaining) and past its due date now.
    public var overdue: Bool
    /// `charge_automatically` or `send_invoice`, as the provider says.
    public var collectionMethod: String?
    public var nextPaymentAttempt: Date?
    public var billingReason: String?
    /// Metadata `reminder_policy` and `escalation_email`.
    public var reminderPolicy: String?
    public var escalationEmail: String?
    public var lastPaymentFailedAt: Date?
    public var actionRequiredAt: Date?
    /// An operator's pause of the invoice's reminders, with its note.
    public var remindersPausedUntil: Date?
    public var pauseNote: String?
    /// Steps an operator skipped.
    public var skippedSteps: [String]

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
public struct TimelineEntry: Encodable, Sendable, Equatable {
    public var at: Date
    /// `event`, `delivery_queued`, `delivery_attempt` or `drift_correction`.
    public var kind: String
    public var summary: String
    /// What the line is about: `event:12`, `delivery:7`, `drift:3`.
    public var ref: String
}

/// An invoice with everything that happened to it: events applied, deliveries and their attempts,
/// drift corrections, and all of them merged into one chronological timeline.
public struct InvoiceDetail: Encodable, Sendable {
    public var invoice: InvoiceView
    public var events: [EventSummary]
    public var deliveries: [DeliveryDetail]
    public var driftCorrections: [DriftRecord]
    public var timeline: [TimelineEntry]
}
