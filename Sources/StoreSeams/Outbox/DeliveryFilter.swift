import Foundation
import InvoiceDomain

/// Filters for listing deliveries.
public struct DeliveryFilter: Sendable, Equatable {
    public var status: DeliveryStatus?
    public var channel: Channel?
    public var provider: String?
    public var invoiceId: String?
    public var step: String?
    public var createdFrom: Date?
    public var createdTo: Date?

    public init(status: DeliveryStatus? = nil, channel: Channel? = nil, provider: String? = nil, invoiceId: String? = nil, step: String? = nil, createdFrom: Date? = nil, createdTo: Date? = nil) {
        self.status = status
        self.channel = channel
        self.provider = provider
        self.invoiceId = invoiceId
        self.step = step
        self.createdFrom = createdFrom
        self.createdTo = createdTo
    }
}
