package import Foundation
package import InvoiceDomain

/// Filters for listing deliveries.
package struct DeliveryFilter: Sendable, Equatable {
    package var status: DeliveryStatus?
    package var channel: Channel?
    package var provider: String?
    package var invoiceId: String?
    package var step: String?
    package var createdFrom: Date?
    package var createdTo: Date?
    /// What the provider reported after accepting the message (callbacks): e.g. `bounced`, `delivered`.
    package var providerStatus: ProviderStatus?

    package init(status: DeliveryStatus? = nil, channel: Channel? = nil, provider: String? = nil, invoiceId: String? = nil, step: String? = nil, createdFrom: Date? = nil, createdTo: Date? = nil, providerStatus: ProviderStatus? = nil) {
        self.status = status
        self.channel = channel
        self.provider = provider
        self.invoiceId = invoiceId
        self.step = step
        self.createdFrom = createdFrom
        self.createdTo = createdTo
        self.providerStatus = providerStatus
    }
}
