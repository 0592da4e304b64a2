/// What a provider says, when asked before a resend, about a message we may already have sent (an in-doubt delivery:
/// its lease expired while it was `sending`, so the call may have gone through before a crash).
package enum SentMessageLookup: Sendable, Equatable {
    /// The provider has it: record it as sent with this id and send nothing.
    case found(messageId: String)
    /// The provider has no such message: sending is safe.
    case notFound
    /// The provider offers no lookup (SendGrid without its paid activity API): a resend may duplicate.
    case unsupported
    /// The lookup itself failed (timeout, 5xx): try again later rather than risk a duplicate.
    case failed(String)
}
