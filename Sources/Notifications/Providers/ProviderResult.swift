package import Foundation
package import InvoiceDomain

/// The classified result of one send attempt, with what the outbox records about it.
package struct ProviderResult: Sendable, Equatable {
    package var outcome: SendOutcome
    /// The HTTP status the provider answered, or `nil` when no response arrived (timeout, connection error).
    package var httpStatus: Int?
    /// Wall time of the attempt, in seconds.
    package var latency: TimeInterval
    /// The provider refused the recipient for good (Twilio 21610: the number replied STOP): suppress the address.
    package var suppression: SuppressionReason?

    package init(outcome: SendOutcome, httpStatus: Int?, latency: TimeInterval) {
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.latency = latency
    }

    /// The provider's id for the accepted message, when it was accepted and the provider returned one.
    package var providerMessageId: String? {
        if case .sent(let messageId) = outcome { return messageId }
        return nil
    }
}
