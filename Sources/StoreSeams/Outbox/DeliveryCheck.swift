import Foundation
package import InvoiceDomain

/// What decides whether a claimed delivery may still go out, read from one snapshot of the store:
/// the invoice, the customer's opt-out for the delivery's channel and, when asked for, the delivery row itself.
package struct DeliveryCheck: Sendable, Equatable {
    /// `nil` when the invoice no longer exists.
    package var invoice: Invoice?
    /// Whether the invoice's customer opted out of the channel (`false` without a customer).
    package var optedOut: Bool
    /// The delivery row as stored now; `nil` when it was not asked for or no longer exists.
    package var delivery: Delivery?
    /// Whether the invoice's address for the channel (e-mail or phone) is on the suppression list.
    package var suppressed: Bool

    package init(invoice: Invoice?, optedOut: Bool, delivery: Delivery?, suppressed: Bool = false) {
        self.invoice = invoice
        self.optedOut = optedOut
        self.delivery = delivery
        self.suppressed = suppressed
    }
}
