import Foundation
import InvoiceDomain

/// One report from a provider about a message it accepted.
public struct ProviderStatusReport: Sendable, Equatable {
    public var provider: MessagingProvider
    /// Tried in order; the first that finds a delivery wins.
    public var references: [MessageReference]
    public var status: ProviderStatus
    /// The provider's error code or bounce type, e.g. `30003` or `HardBounce`.
    public var errorCode: String?
    /// The recipient address the provider reports, when it reports one.
    public var address: String?
    /// Suppress the recipient (the reported address, else the delivery's) with this reason.
    public var suppress: SuppressionReason?

    public init(provider: MessagingProvider, references: [MessageReference], status: ProviderStatus, errorCode: String? = nil, address: String? = nil, suppress: SuppressionReason? = nil) {
        self.provider = provider
        self.references = references
        self.status = status
        self.errorCode = errorCode
        self.address = address
        self.suppress = suppress
    }
}
