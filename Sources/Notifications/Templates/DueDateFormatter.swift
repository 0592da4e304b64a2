import Foundation
import InvoiceDomain

/// Formats a due date as the calendar day in the customer's time zone, medium style for their locale
/// (`Dec 1, 2026`, `01.12.2026`, `1 déc. 2026`), with space separators normalised like amounts.
enum DueDateFormatter {
    static func format(_ date: Date, locale: Locale, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = timeZone
        formatter.dateStyle = .medium
        formatter.timeStyle = .none
        return MoneyFormatter.normalisingSpaces(formatter.string(from: date))
    }
}
