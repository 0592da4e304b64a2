/// When a paid invoice gets a `payment_received` message (configuration `reminders.receipt`).
package enum ReceiptRule: String, Sendable, Codable, CaseIterable, Hashable {
    /// Never.
    case never
    /// Only when at least one reminder was sent for the invoice.
    case afterReminder
    /// For every invoice that becomes paid.
    case always
}
