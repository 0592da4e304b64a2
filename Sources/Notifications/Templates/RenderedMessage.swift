/// A template rendered for one invoice, ready to hand to a provider.
package struct RenderedMessage: Sendable, Equatable {
    /// Email subject on one line; `nil` for SMS.
    package var subject: String?
    /// Email HTML body; `nil` for SMS.
    package var html: String?
    /// Plain-text email body, or the SMS message.
    package var text: String
    /// Encoding and segment count of the SMS; `nil` for email.
    package var sms: SMSSegmentInfo?
    /// Non-fatal issues worth logging (an empty variable the template uses, an SMS over the segment limit).
    package var warnings: [String]

    package init(subject: String? = nil, html: String? = nil, text: String, sms: SMSSegmentInfo? = nil, warnings: [String] = []) {
        self.subject = subject
        self.html = html
        self.text = text
        self.sms = sms
        self.warnings = warnings
    }
}
