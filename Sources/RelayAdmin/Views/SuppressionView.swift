package import Foundation
package import InvoiceDomain

/// One suppressed address, as the admin API and the CLI show it.
package struct SuppressionView: Encodable, Sendable, Equatable {
    package var channel: String
    package var address: String
    package var reason: String
    package var provider: String?
    package var deliveryId: Int64?
    package var detail: String?
    package var createdAt: Date

    package init(_ suppression: Suppression) {
        channel = suppression.channel.rawValue
        address = suppression.address
        reason = suppression.reason.rawValue
        provider = suppression.provider
        deliveryId = suppression.deliveryId
        detail = suppression.detail
        createdAt = suppression.createdAt
    }
}
