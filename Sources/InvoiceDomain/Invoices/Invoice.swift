package import Foundation

/// The invoice fields a provider event carries, normalised: amounts in integer minor units,
/// currency as an upper-case ISO 4217 code, times as `Date`.
package struct InvoiceSnapshot: Sendable, Codable, Equatable, Hashable {
    package var providerInvoiceId: String
    package var number: String?
    package var customerId: String?
    package var customerName: String?
    package var customerEmail: String?
    package var customerPhone: String?
    /// Customer's preferred locale (e.g. `de-DE`), when the provider knows it.
    package var customerLocale: String?
    /// Customer's IANA time zone (e.g. `Europe/Berlin`), when known; used for SMS quiet hours.
    package var customerTimeZone: String?
    package var currency: String
    package var amountDue: Int64
    package var amountPaid: Int64
    package var amountRemaining: Int64
    package var dueDate: Date?
    /// The provider's own status string (`draft`, `open`, `paid`, `void`, `uncollectible`).
    package var providerStatus: String
    package var hostedInvoiceURL: String?
    package var attemptCount: Int
    package var lastPaymentError: String?
    /// How the provider collects payment: `charge_automatically` (it charges the saved payment method and retries on
    /// its own) or `send_invoice` (the customer pays the sent invoice); `nil` when the provider did not say.
    package var collectionMethod: String?
    /// When the provider will try to charge again; `nil` when no further automatic attempt is planned.
    package var nextPaymentAttempt: Date?
    /// Why the invoice was created (`subscription_cycle`, `manual`, …), as the provider says.
    package var billingReason: String?
    /// Named reminder policy asked for in the invoice's (or customer's) metadata `reminder_policy`.
    package var reminderPolicy: String?
    /// Address copied on escalating reminders, from metadata `escalation_email`.
    package var escalationEmail: String?

    package init(
        providerInvoiceId: String, number: String? = nil, customerId: String? = nil, customerName: String? = nil,
        customerEmail: String? = nil, customerPhone: String? = nil, customerLocale: String? = nil, customerTimeZone: String? = nil,
        currency: String, amountDue: Int64, amountPaid: Int64, amountRemaining: Int64, dueDate: Date? = nil,
        providerStatus: String, hostedInvoiceURL: String? = nil, attemptCount: Int = 0, lastPaymentError: String? = nil,
        collectionMethod: String? = nil, nextPaymentAttempt: Date? = nil, billingReason: String? = nil,
        reminderPolicy: String? = nil, escalationEmail: String? = nil
    ) {
        self.providerInvoiceId = providerInvoiceId
        self.number = number
        self.customerId = customerId
        self.customerName = customerName
        self.customerEmail = customerEmail
        self.customerPhone = customerPhone
        self.customerLocale = customerLocale
        self.customerTimeZone = customerTimeZone
        self.currency = currency
        self.amountDue = amountDue
        self.amountPaid = amountPaid
        self.amountRemaining = amountRemaining
        self.dueDate = dueDate
        self.providerStatus = providerStatus
        self.hostedInvoiceURL = hostedInvoiceURL
        self.attemptCount = attemptCount
        self.lastPaymentError = lastPaymentError
        self.collectionMethod = collectionMethod
        self.nextPaymentAttempt = nextPaymentAttempt
        self.billingReason = billingReason
        self.reminderPolicy = reminderPolicy
        self.escalationEmail = escalationEmail
    }

    /// Whether the provider charges the customer's saved payment method itself (Stripe `charge_automatically`):
    /// such invoices get no before-due or due-today reminders.
    package var isChargedAutomatically: Bool { collectionMethod == CollectionMethod.chargeAutomatically }
}

/// Stripe's `collection_method` values.
package enum CollectionMethod {
    package static let chargeAutomatically = "charge_automatically"
    package static let sendInvoice = "send_invoice"
}

/// An invoice as InvoiceRelay holds it: the latest applied snapshot plus our derived status
/// and the ordering key of the event that produced it.
package struct Invoice: Sendable, Codable, Equatable {
    /// Payment provider source name from configuration (e.g. `stripe`).
    package var source: String
    package var snapshot: InvoiceSnapshot
    package var status: InvoiceStatus
    /// `created` time of the last applied event (provider clock, whole seconds).
    package var lastEventAt: Date
    package var lastEventId: String
    /// `created` time of the latest applied `invoice.payment_failed` event: payment-failed messages and, once no
    /// further automatic attempt is planned, the overdue steps of an auto-charged invoice count from it.
    package var lastPaymentFailedAt: Date?
    /// `created` time of the latest applied `invoice.payment_action_required` event.
    package var actionRequiredAt: Date?
    /// Reminders held back until this instant (an operator's pause); `nil` when not paused.
    package var remindersPausedUntil: Date?
    /// The operator's note on the pause.
    package var pauseNote: String?
    /// Names of steps an operator chose to skip for this invoice.
    package var skippedSteps: [String]

    package init(
        source: String, snapshot: InvoiceSnapshot, status: InvoiceStatus, lastEventAt: Date, lastEventId: String,
        lastPaymentFailedAt: Date? = nil, actionRequiredAt: Date? = nil, remindersPausedUntil: Date? = nil,
        pauseNote: String? = nil, skippedSteps: [String] = []
    ) {
        self.source = source
        self.snapshot = snapshot
        self.status = status
        self.lastEventAt = lastEventAt
        self.lastEventId = lastEventId
        self.lastPaymentFailedAt = lastPaymentFailedAt
        self.actionRequiredAt = actionRequiredAt
        self.remindersPausedUntil = remindersPausedUntil
        self.pauseNote = pauseNote
        self.skippedSteps = skippedSteps
    }

    package var id: String { snapshot.providerInvoiceId }

    /// Reminders go only to invoices still owed: open or partially paid with money remaining.
    package var isRemindable: Bool {
        (status == .open || status == .partiallyPaid) && snapshot.amountRemaining > 0
    }
}
