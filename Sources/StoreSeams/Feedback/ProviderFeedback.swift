package import Foundation
package import InvoiceDomain

/// The provider-side state of one delivery, as the last report that moved it forward left it.
package struct ProviderFeedback: Sendable, Equatable, Codable {
    package var deliveryId: Int64
    package var status: ProviderStatus
    package var errorCode: String?
    package var at: Date

    package init(deliveryId: Int64, status: ProviderStatus, errorCode: String?, at: Date) {
        self.deliveryId = deliveryId
        self.status = status
        self.errorCode = errorCode
        self.at = at
    }
}
