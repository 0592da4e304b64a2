import Foundation
package import InvoiceDomain

/// One report from a provider about a message it accepted.
package struct ProviderStatusReport: Sendable, Equatable {
    package var provider: MessagingProvider
    /// Tried in order; the first that finds a delivery wins.
    package var references: [MessageReference]
    package var status: ProviderStatus
    /// The provider's error code or bounce type, e.g. `30003` or `HardBounce`.
    package var errorCode: String?
    /// The recipient address the provider reports, when it reports one.
    package var address: String?
    /// Suppress the recipient (the reported address, else the delivery's) with this reason.
    package var suppress: SuppressionReason?

    package init(provider: MessagingProvider, references: [MessageReference], status: ProviderStatus, errorCode: String? = nil, address: String? = nil, suppress: SuppressionReason? = nil) {
        self.provider = provider
        self.references = references
        self.status = status
        self.errorCode = errorCode
        self.address = address
        self.suppress = suppress
    }
}
