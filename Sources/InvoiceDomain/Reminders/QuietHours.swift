package import Foundation

/// A daily window (local time) in which messages, typically SMS, must not be sent.
///
/// The window is `[start, end)`; when `start` is after `end` it wraps midnight (21:00–08:00).
/// `start == end` means no quiet hours.
package struct QuietHours: Sendable, Equatable, Hashable {
    /// Minutes after local midnight, 0..<1440.
    package let startMinute: Int
    package let endMinute: Int

    /// Hours are clamped to 0–23 and minutes to 0–59.
    package init(start: (hour: Int, minute: Int), end: (hour: Int, minute: Int)) {
        startMinute = Self.minuteOfDay(start)
        endMinute = Self.minuteOfDay(end)
    }

    /// No quiet hours at all.
    package static let none = QuietHours(start: (0, 0), end: (0, 0))

    package var isEmpty: Bool { startMinute == endMinute }

    /// The earliest instant at or after `date` outside quiet hours in `timeZone`.
    ///
    /// - Returns: `date` itself when it is outside quiet hours, otherwise the first instant the
    ///   window ends (local end time on the right day; if a daylight-saving jump skips that
    ///   time, the first instant after the jump).
    package func nextAllowed(after date: Date, in timeZone: TimeZone) -> Date {
        guard !isEmpty else { return date }
        let calendar = Calendar.gregorian(in: timeZone)
        let local = calendar.dateComponents([.hour, .minute, .second, .nanosecond], from: date)
        let secondOfDay = Double((local.hour ?? 0) * 3600 + (local.minute ?? 0) * 60 + (local.second ?? 0))
            + Double(local.nanosecond ?? 0) / 1e9
        let start = Double(startMinute * 60)
        let end = Double(endMinute * 60)

        let endsLaterToday: Bool
        if startMinute < endMinute {
            guard secondOfDay >= start, secondOfDay < end else { return date }
            endsLaterToday = true
        } else if secondOfDay >= start {
            endsLaterToday = false
        } else if secondOfDay < end {
            endsLaterToday = true
        } else {
            return date
        }

        let endDay = endsLaterToday
            ? date
            : calendar.date(byAdding: .day, value: 1, to: calendar.localNoon(of: date)) ?? date
        let (hour, minute) = (endMinute / 60, endMinute % 60)
        let candidate = calendar.instant(hour: hour, minute: minute, onDayOf: endDay)
        if candidate > date { return candidate }
        // `date` is in the second pass of a repeated (fall-back) hour: the end's first
        // occurrence has already gone by, so take its second one.
        let repeated = calendar.date(
            bySettingHour: hour, minute: minute, second: 0, of: calendar.localNoon(of: endDay),
            matchingPolicy: .nextTime, repeatedTimePolicy: .last, direction: .forward
        )
        if let repeated, repeated > date { return repeated }
        return date
    }

    private static func minuteOfDay(_ time: (hour: Int, minute: Int)) -> Int {
        min(max(time.hour, 0), 23) * 60 + min(max(time.minute, 0), 59)
    }
}
