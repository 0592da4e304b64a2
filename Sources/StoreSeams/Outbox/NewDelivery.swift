package import Foundation
package import InvoiceDomain

/// A reminder the planner wants to exist.
package struct NewDelivery: Sendable, Equatable {
    package var invoiceId: String
    package var step: String
    package var kind: String
    package var channel: Channel
    package var recipient: String?
    /// Earliest send time (e.g. the end of SMS quiet hours).
    package var notBefore: Date

    package init(invoiceId: String, step: String, kind: String, channel: Channel, recipient: String?, notBefore: Date) {
        self.invoiceId = invoiceId
        self.step = step
        self.kind = kind
        self.channel = channel
        self.recipient = recipient
        self.notBefore = notBefore
    }
}
