package import Foundation

/// A daily window (local time) in which messages may be sent, e.g. e-mail only 08:00–18:00 customer-local.
///
/// The window is `[start, end)` and wraps midnight when `start` is after `end`; it is the complement of
/// ``QuietHours`` and shares its daylight-saving rules.
package struct SendWindow: Sendable, Equatable, Hashable {
    private let closed: QuietHours

    package init(start: (hour: Int, minute: Int), end: (hour: Int, minute: Int)) {
        closed = QuietHours(start: end, end: start)
    }

    /// The earliest instant at or after `date` inside the window in `timeZone`: `date` itself inside it, else the
    /// window's next start.
    package func nextAllowed(after date: Date, in timeZone: TimeZone) -> Date {
        closed.nextAllowed(after: date, in: timeZone)
    }
}
