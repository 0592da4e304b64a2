/// The sender's details shown in reminders (from configuration).
public struct BusinessInfo: Sendable, Codable, Equatable {
    public var name: String
    public var supportEmail: String?
    public var supportPhone: String?
    /// Accounts-receivable address copied on escalating steps (``InvoiceDomain/ReminderStep/copyAccountsReceivable``);
    /// not a template variable.
    public var arEmail: String?

    public init(name: String, supportEmail: String? = nil, supportPhone: String? = nil, arEmail: String? = nil) {
        self.name = name
        self.supportEmail = supportEmail
        self.supportPhone = supportPhone
        self.arEmail = arEmail
    }
}
