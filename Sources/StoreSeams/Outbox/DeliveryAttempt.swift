package import Foundation
import InvoiceDomain

/// One try at handing a delivery to a provider.
package struct DeliveryAttempt: Sendable, Equatable, Codable {
    package var id: Int64?
    package var deliveryId: Int64
    package var attemptNumber: Int
    package var startedAt: Date
    package var provider: String
    package var httpStatus: Int?
    /// `sent`, `retryable`, `permanent`, `credentials`.
    package var outcome: String
    package var error: String?
    package var latencyMs: Double

    package init(deliveryId: Int64, attemptNumber: Int, startedAt: Date, provider: String, httpStatus: Int?, outcome: String, error: String?, latencyMs: Double) {
        self.deliveryId = deliveryId
        self.attemptNumber = attemptNumber
        self.startedAt = startedAt
        self.provider = provider
        self.httpStatus = httpStatus
        self.outcome = outcome
        self.error = error
        self.latencyMs = latencyMs
    }
}
