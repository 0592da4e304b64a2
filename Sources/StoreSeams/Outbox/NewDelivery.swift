import Foundation
import InvoiceDomain

/// A reminder the planner wants to exist.
public struct NewDelivery: Sendable, Equatable {
    public var invoiceId: String
    public var step: String
    public var kind: String
    public var channel: Channel
    public var recipient: String?
    /// Earliest send time (e.g. the end of SMS quiet hours).
    public var notBefore: Date

    public init(invoiceId: String, step: String, kind: String, channel: Channel, recipient: String?, notBefore: Date) {
        self.invoiceId = invoiceId
        self.step = step
        self.kind = kind
        self.channel = channel
        self.recipient = recipient
        self.notBefore = notBefore
    }
}
