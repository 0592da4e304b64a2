package import InvoiceDomain

/// One rendered reminder ready to hand to a provider.
package struct OutboundMessage: Sendable, Equatable {
    package var channel: Channel
    /// Recipient address: an email address, or an E.164 phone number for SMS.
    package var to: String
    /// Recipient display name (email only).
    package var toName: String?
    /// Email copies (escalation, accounts receivable); ignored for SMS.
    package var cc: [String]
    /// Email subject; ignored for SMS.
    package var subject: String?
    /// HTML body; ignored for SMS.
    package var html: String?
    /// Plain-text body (the SMS body for SMS).
    package var text: String
    /// Our key for this delivery, sent along as provider metadata so a provider-side record can be matched to it.
    package var idempotencyKey: String
    /// Extra metadata sent along with the message (SendGrid `custom_args`, Postmark `Metadata`).
    package var tags: [String: String]

    package init(
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
