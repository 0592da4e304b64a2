/// A message a fake messaging provider accepted (recorded only on success), as a test would check it arrived.
package struct DeliveredMessage: Sendable, Equatable {
    /// Recipient email address or phone number, as the provider parsed it.
    package var to: String
    /// Recipient display name, if one was given (email).
    package var toName: String?
    /// Sender: email address, phone number or messaging service SID.
    package var from: String
    package var subject: String?
    package var text: String?
    package var html: String?
    /// The id the fake returned (`X-Message-Id`, `MessageID` or `sid`).
    package var providerMessageId: String
    /// SendGrid `custom_args`, Postmark `Metadata`; empty for SMS.
    package var metadata: [String: String]

    package init(
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
