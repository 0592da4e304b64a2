import InvoiceDomain

/// One rendered reminder ready to hand to a provider.
public struct OutboundMessage: Sendable, Equatable {
    public var channel: Channel
    /// Recipient address: an email address, or an E.164 phone number for SMS.
    public var to: String
    /// Recipient display name (email only).
    public var toName: String?
    /// Email copies (escalation, accounts receivable); ignored for SMS.
    public var cc: [String]
    /// Email subject; ignored for SMS.
    public var subject: String?
    /// HTML body; ignored for SMS.
    public var html: String?
    /// Plain-text body (the SMS body for SMS).
    public var text: String
    /// Our key for this delivery, sent along as provider metadata so a provider-side record can be matched to it.
    public var idempotencyKey: String
    /// Extra metadata sent along with the message (SendGrid `custom_args`, Postmark `Metadata`).
    public var tags: [String: String]

    public init(
        channel: Channel,
        to: String,
        toName: String? = nil,
        subject: String? = nil,
        html: String? = nil,
        text: String,
        idempotencyKey: String,
        tags: [String: String] = [:],
        cc: [String] = []
    ) {
        self.cc = cc
        self.channel = channel
        self.to = to
        self.toName = toName
        self.subject = subject
        self.html = html
        self.text = text
        self.idempotencyKey = idempotencyKey
        self.tags = tags
    }
}
