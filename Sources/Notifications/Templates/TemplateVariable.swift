/// The fixed set of variables a reminder template may use; anything else is rejected by validation.
///
/// | Variable | Value |
/// |---|---|
/// | `customer_name` | customer's name; absent when unknown (use `{{#customer_name}}…{{/customer_name}}{{^customer_name}}…{{/customer_name}}`) |
/// | `invoice_number` | invoice number (the provider's invoice id when it has no number) |
/// | `amount_remaining` | amount still owed, formatted for the locale (`$125.00`, `12.345,67 €`) |
/// | `amount_due` | invoice total, formatted the same way |
/// | `currency` | ISO 4217 code (`EUR`) |
/// | `due_date` | due date, medium style in the customer's locale and time zone (`Dec 1, 2026`, `01.12.2026`) |
/// | `days_until_due` | whole days until the due date, `0` once due |
/// | `days_overdue` | whole days past the due date, `0` before |
/// | `pay_url` | hosted payment page (http/https only); absent when unknown |
/// | `business_name` | sender's business name |
/// | `support_email` | support address; absent when not configured |
/// | `support_phone` | support phone; absent when not configured |
/// | `next_attempt_date` | when the provider will charge again, medium style like `due_date`; absent when no further automatic attempt is planned |
/// | `attempt_count` | payment attempts made so far (`0` before the first) |
/// | `update_payment_url` | where the customer pays or updates the card: the hosted invoice page (http/https only); absent when unknown |
/// | `is_overdue` | flag, only as a section: `{{#is_overdue}}…{{/is_overdue}}` / `{{^is_overdue}}…{{/is_overdue}}` |
///
/// Any variable may open a section (rendered when the value is present and non-empty) or an inverted
/// section (rendered when it is absent or empty).
package enum TemplateVariable: String, CaseIterable, Sendable, Hashable {
    case customerName = "customer_name"
    case invoiceNumber = "invoice_number"
    case amountRemaining = "amount_remaining"
    case amountDue = "amount_due"
    case currency
    case dueDate = "due_date"
    case daysUntilDue = "days_until_due"
    case daysOverdue = "days_overdue"
    case payURL = "pay_url"
    case businessName = "business_name"
    case supportEmail = "support_email"
    case supportPhone = "support_phone"
    case isOverdue = "is_overdue"
    case nextAttemptDate = "next_attempt_date"
    case attemptCount = "attempt_count"
    case updatePaymentURL = "update_payment_url"

    /// Flags hold a `Bool` and may only be used as (inverted) sections, never interpolated.
    package var isFlag: Bool { self == .isOverdue }

    /// Values that may legitimately be absent; a template interpolating an empty non-optional
    /// variable gets a render warning.
    package var isOptional: Bool {
        switch self {
        case .customerName, .supportEmail, .supportPhone, .nextAttemptDate: true
        default: false
        }
    }
}
