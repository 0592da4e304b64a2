/// A message a fake messaging provider accepted (recorded only on success), as a test would check it arrived.
public struct DeliveredMessage: Sendable, Equatable {
    /// Recipient email address or phone number, as the provider parsed it.
    public var to: String
    /// Recipient display name, if one was given (email).
    public var toName: String?
    /// Sender: email address, phone number or messaging service SID.
    public var from: String
    public var subject: String?
    public var text: String?
    public var html: String?
    /// The id the fake returned (`X-Message-Id`, `MessageID` or `sid`).
    public var providerMessageId: String
    /// SendGrid `custom_args`, Postmark `Metadata`; empty for SMS.
    public var metadata: [String: String]

    public init(
        to: String,
        toName: String? = nil,
        from: String,
        subject: String? = nil,
        text: String? = nil,
        html: String? = nil,
        providerMessageId: String,
        metadata: [String: String] = [:]
    ) {
        self.to = to
        self.toName = toName
        self.from = from
        self.subject = subject
        self.text = text
        self.html = html
        self.providerMessageId = providerMessageId
        self.metadata = metadata
    }
}
