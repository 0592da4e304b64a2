/// The sender's details shown in reminders (from configuration).
package struct BusinessInfo: Sendable, Codable, Equatable {
    package var name: String
    package var supportEmail: String?
    package var supportPhone: String?
    /// Accounts-receivable address copied on escalating steps (``InvoiceDomain/ReminderStep/copyAccountsReceivable``);
    /// not a template variable.
    package var arEmail: String?

    package init(name: String, supportEmail: String? = nil, supportPhone: String? = nil, arEmail: String? = nil) {
        self.name = name
        self.supportEmail = supportEmail
        self.supportPhone = supportPhone
        self.arEmail = arEmail
    }
}
