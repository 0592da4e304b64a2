/// Which template family a reminder uses; the raw value is the family's name on disk and in the outbox.
package enum ReminderKind: String, Sendable, Codable, CaseIterable, Hashable {
    case beforeDue = "before_due"
    case dueToday = "due_today"
    case overdue
    case finalNotice = "final_notice"
    /// An automatic charge (or a customer's payment) failed: pay or update the card.
    case paymentFailed = "payment_failed"
    /// The bank asks the customer to confirm the payment (3-D Secure and the like).
    case actionRequired = "action_required"
    /// A receipt after the invoice was paid.
    case paymentReceived = "payment_received"

    /// Whether the kind is a reminder before or on the due day, which auto-charged invoices never get.
    package var isBeforeOrOnDue: Bool {
        switch self {
        case .beforeDue, .dueToday: true
        case .overdue, .finalNotice, .paymentFailed, .actionRequired, .paymentReceived: false
        }
    }
}
