/// The sender's details shown in reminders (from configuration).
public struct BusinessInfo: Sendable, Codable, Equatable {
    public var name: String
    public var supportEmail: String?
    public var supportPhone: String?

    public init(name: String, supportEmail: String? = nil, supportPhone: String? = nil) {
        self.name = name
        self.supportEmail = supportEmail
        self.supportPhone = supportPhone
    }
}
