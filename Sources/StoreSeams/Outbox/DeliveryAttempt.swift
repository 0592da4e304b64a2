import Foundation
import InvoiceDomain

/// One try at handing a delivery to a provider.
public struct DeliveryAttempt: Sendable, Equatable, Codable {
    public var id: Int64?
    public var deliveryId: Int64
    public var attemptNumber: Int
    public var startedAt: Date
    public var provider: String
    public var httpStatus: Int?
    /// `sent`, `retryable`, `permanent`, `credentials`.
    public var outcome: String
    public var error: String?
    public var latencyMs: Double

    public init(deliveryId: Int64, attemptNumber: Int, startedAt: Date, provider: String, httpStatus: Int?, outcome: String, error: String?, latencyMs: Double) {
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
