import Foundation
import InvoiceDomain
import Synchronization

/// Formats a due date as the calendar day in the customer's time zone, medium style for their locale
/// (`Dec 1, 2026`, `01.12.2026`, `1 déc. 2026`), with space separators normalised like amounts.
///
/// Building a `DateFormatter` costs far more than using one, and every reminder renders a date, so one
/// formatter per locale and zone is kept and used under a lock (formatters are not thread-safe).
enum DueDateFormatter {
    private static let formatters = Mutex<[String: DateFormatter]>([:])

    static func format(_ date: Date, locale: Locale, timeZone: TimeZone) -> String {
        let key = locale.identifier + "|" + timeZone.identifier
        let text = formatters.withLock { formatters in
            let formatter: DateFormatter
            if let cached = formatters[key] {
                formatter = cached
            } else {
                formatter = DateFormatter()
                formatter.locale = locale
                formatter.timeZone = timeZone
                formatter.dateStyle = .medium
                formatter.timeStyle = .none
                if formatters.count >= 64 { formatters.removeAll() }
                formatters[key] = formatter
            }
            return formatter.string(from: date)
        }
        return MoneyFormatter.normalisingSpaces(text)
    }
}
