import Foundation
import InvoiceDomain

/// The provider-side state of one delivery, as the last report that moved it forward left it.
public struct ProviderFeedback: Sendable, Equatable, Codable {
    public var deliveryId: Int64
    public var status: ProviderStatus
    public var errorCode: String?
    public var at: Date

    public init(deliveryId: Int64, status: ProviderStatus, errorCode: String?, at: Date) {
        self.deliveryId = deliveryId
        self.status = status
        self.errorCode = errorCode
        self.at = at
    }
}
