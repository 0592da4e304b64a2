package import Foundation

/// Which local days count as business days: a set of weekdays and a list of holidays, in the business time zone.
///
/// Off by default (``everyDay``): every day counts and steps stay where their offset puts them.
package struct BusinessDays: Sendable, Equatable, Hashable {
    /// Calendar weekday numbers that are working days (1 = Sunday … 7 = Saturday).
    package var weekdays: Set<Int>
    /// Days off besides the weekend.
    package var holidays: Set<CivilDate>

    package init(weekdays: Set<Int>, holidays: Set<CivilDate> = []) {
        self.weekdays = weekdays.filter { (1...7).contains($0) }
        self.holidays = holidays
    }

    /// Every day is a business day.
    package static let everyDay = BusinessDays(weekdays: Set(1...7))
    /// Monday to Friday.
    package static let mondayToFriday = BusinessDays(weekdays: Set(2...6))

    /// Whether no day is ever moved.
    package var isEveryDay: Bool { weekdays.count == 7 && holidays.isEmpty }

    /// Whether the local day (in `calendar`'s zone) containing `date` is a business day.
    package func isBusinessDay(_ date: Date, in calendar: Calendar) -> Bool {
        let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
        guard let weekday = parts.weekday, weekdays.contains(weekday) else { return false }
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return true }
        return !holidays.contains(CivilDate(year: year, month: month, day: day))
    }
}

/// A calendar date without a time or zone (`2026-12-25`).
package struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    package var year: Int
    package var month: Int
    package var day: Int

    package init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; `nil` for anything else, including dates that do not exist (`2026-02-30`).
    package init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    package var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    package static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
