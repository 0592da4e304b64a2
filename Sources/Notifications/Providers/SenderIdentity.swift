/// Who our messages come from, per provider: an email sender, an SMS number, or a Twilio Messaging Service.
package struct SenderIdentity: Sendable, Equatable, Codable {
    /// Verified sender email address (SendGrid, Postmark).
    package var email: String?
    /// Sender display name (email).
    package var name: String?
    /// Sending phone number in E.164 (Twilio `From`).
    package var phone: String?
    /// Twilio Messaging Service SID (`MG...`); when set it is sent instead of `From`.
    package var messagingServiceSid: String?

    package init(email: String? = nil, name: String? = nil, phone: String? = nil, messagingServiceSid: String? = nil) {
        self.email = email
        self.name = name
        self.phone = phone
        self.messagingServiceSid = messagingServiceSid
    }
}
