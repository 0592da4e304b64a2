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

    package init(
        providerInvoiceId: String, number: String? = nil, customerId: String? = nil, customerName: String? = nil,
        customerEmail: String? = nil, customerPhone: String? = nil, customerLocale: String? = nil, customerTimeZone: String? = nil,
        currency: String, amountDue: Int64, amountPaid: Int64, amountRemaining: Int64, dueDate: Date? = nil,
        providerStatus: String, hostedInvoiceURL: String? = nil, attemptCount: Int = 0, lastPaymentError: String? = nil
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
    }
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

    package init(source: String, snapshot: InvoiceSnapshot, status: InvoiceStatus, lastEventAt: Date, lastEventId: String) {
        self.source = source
        self.snapshot = snapshot
        self.status = status
        self.lastEventAt = lastEventAt
        self.lastEventId = lastEventId
    }

    package var id: String { snapshot.providerInvoiceId }

    /// Reminders go only to invoices still owed: open or partially paid with money remaining.
    package var isRemindable: Bool {
        (status == .open || status == .partiallyPaid) && snapshot.amountRemaining > 0
    }
}
