import Foundation

extension Calendar {
    /// A Gregorian calendar in `timeZone`, the one all business-day arithmetic uses.
    static func gregorian(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Noon on the local calendar day containing `date`; noon exists on every day, so day
    /// arithmetic from it never lands in a daylight-saving gap.
    func localNoon(of date: Date) -> Date {
        let day = dateComponents([.year, .month, .day], from: date)
        let noon = DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)
        return self.date(from: noon) ?? date
    }

    /// The instant `hour:minute` local time on the local day containing `day`.
    ///
    /// A wall time skipped by a daylight-saving jump maps to the first instant after the jump;
    /// a wall time that occurs twice maps to its first occurrence.
    func instant(hour: Int, minute: Int, onDayOf day: Date) -> Date {
        let noon = localNoon(of: day)
        return date(
            bySettingHour: hour, minute: minute, second: 0, of: noon,
            matchingPolicy: .nextTime, repeatedTimePolicy: .first, direction: .forward
        ) ?? noon
    }

    /// Whole calendar days from the local day of `from` to the local day of `to`.
    func calendarDays(from: Date, to: Date) -> Int {
        let start = dateComponents([.year, .month, .day], from: from)
        let end = dateComponents([.year, .month, .day], from: to)
        guard let startDay = Self.daysSinceEpoch(start), let endDay = Self.daysSinceEpoch(end) else { return 0 }
        return endDay - startDay
    }

    /// Days since 1970-01-01 of a proleptic Gregorian civil date (H. Hinnant's `days_from_civil`).
    static func daysSinceEpoch(_ day: DateComponents) -> Int? {
        guard let year = day.year, let month = day.month, let dayOfMonth = day.day else { return nil }
        return daysFromCivil(year: year, month: month, day: dayOfMonth)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`): pure arithmetic,
    /// no calendar object, no time zone.
    package static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
