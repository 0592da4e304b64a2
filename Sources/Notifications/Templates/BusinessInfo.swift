/// The sender's details shown in reminders (from configuration).
package struct BusinessInfo: Sendable, Codable, Equatable {
    package var name: String
    package var supportEmail: String?
    package var supportPhone: String?

    package init(name: String, supportEmail: String? = nil, supportPhone: String? = nil) {
        self.name = name
        self.supportEmail = supportEmail
        self.supportPhone = supportPhone
    }
}
