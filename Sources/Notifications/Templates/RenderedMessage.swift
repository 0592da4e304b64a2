/// A template rendered for one invoice, ready to hand to a provider.
public struct RenderedMessage: Sendable, Equatable {
    /// Email subject on one line; `nil` for SMS.
    public var subject: String?
    /// Email HTML body; `nil` for SMS.
    public var html: String?
    /// Plain-text email body, or the SMS message.
    public var text: String
    /// Encoding and segment count of the SMS; `nil` for email.
    public var sms: SMSSegmentInfo?
    /// Non-fatal issues worth logging (an empty variable the template uses, an SMS over the segment limit).
    public var warnings: [String]

    public init(subject: String? = nil, html: String? = nil, text: String, sms: SMSSegmentInfo? = nil, warnings: [String] = []) {
        self.subject = subject
        self.html = html
        self.text = text
        self.sms = sms
        self.warnings = warnings
    }
}
