/// Who our messages come from, per provider: an email sender, an SMS number, or a Twilio Messaging Service.
public struct SenderIdentity: Sendable, Equatable, Codable {
    /// Verified sender email address (SendGrid, Postmark).
    public var email: String?
    /// Sender display name (email).
    public var name: String?
    /// Sending phone number in E.164 (Twilio `From`).
    public var phone: String?
    /// Twilio Messaging Service SID (`MG...`); when set it is sent instead of `From`.
    public var messagingServiceSid: String?

    public init(email: String? = nil, name: String? = nil, phone: String? = nil, messagingServiceSid: String? = nil) {
        self.email = email
        self.name = name
        self.phone = phone
        self.messagingServiceSid = messagingServiceSid
    }
}
