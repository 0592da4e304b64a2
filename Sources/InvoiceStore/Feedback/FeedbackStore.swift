import Foundation
import InvoiceDomain

/// Which delivery a provider's report is about.
public enum MessageReference: Sendable, Equatable {
    /// The id the provider gave when it accepted the message (Twilio `MessageSid`, SendGrid `sg_message_id`, Postmark
    /// `MessageID`).
    case providerMessageId(String)
    /// Our own key, echoed back by providers that carry metadata (SendGrid `custom_args`, Postmark `Metadata`).
    case idempotencyKey(String)
}

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

/// What recording a report did.
public enum ProviderStatusRecording: Sendable, Equatable {
    /// No delivery matches the report (an address it names may still have been suppressed).
    case unknownMessage(suppressed: Bool)
    /// The delivery's provider-side status moved forward to the report's.
    case recorded(deliveryId: Int64, suppressed: Bool)
    /// The delivery already had a status of the same or a later rank (a duplicate or late report).
    case unchanged(deliveryId: Int64, suppressed: Bool)
}

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

/// What the scheduler writes to the suppression list: a recipient a provider refused for good at send time.
public protocol SuppressionWriter: Sendable {
    /// Adds `suppression` unless its address is already suppressed on its channel.
    /// - Returns: whether it was added.
    @discardableResult
    func suppress(_ suppression: Suppression) async throws -> Bool
}

/// Provider feedback and the suppression list: written by the callback endpoints, read by admins; the scheduler
/// reads suppressions through its delivery checks.
public protocol FeedbackStore: SuppressionWriter {
    /// Records a provider's report on the delivery it references, in one transaction with the suppression it
    /// implies. A status never moves backwards (see ``ProviderStatus/rank``); a duplicate report changes nothing.
    func recordProviderStatus(_ report: ProviderStatusReport, at now: Date) async throws -> ProviderStatusRecording

    /// The provider-side state of each of `deliveryIds` that has one.
    func providerFeedback(deliveryIds: [Int64]) async throws -> [Int64: ProviderFeedback]

    /// Removes a suppression. - Returns: the removed one, or `nil` when the address was not suppressed.
    func removeSuppression(channel: Channel, address: String) async throws -> Suppression?

    func suppression(channel: Channel, address: String) async throws -> Suppression?

    /// Newest first; `before` is the `createdAt` of the last row of the previous page.
    func suppressions(channel: Channel?, limit: Int, before: Date?) async throws -> [Suppression]
}
