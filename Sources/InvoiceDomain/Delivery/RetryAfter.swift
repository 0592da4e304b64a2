package import Foundation

/// Parses an HTTP `Retry-After` header (RFC 9110 §10.2.3) into a wait in seconds.
package enum RetryAfter {
    /// The wait a `Retry-After` value asks for.
    ///
    /// Accepts delta-seconds (`120`) and an HTTP-date in any of its three forms: IMF-fixdate
    /// (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and
    /// asctime (`Sun Nov  6 08:49:37 1994`).
    /// - Returns: seconds from `now`, never negative (a date in the past gives 0); `nil` when the
    ///   value is neither form.
    package static func seconds(from header: String, now: Date) -> TimeInterval? {
        let value = header.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return nil }
        if value.utf8.allSatisfy(isDigit) {
            return Double(value)
        }
        guard let date = httpDate(value, now: now) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// Parses an HTTP-date in any of its three forms.
    /// - Parameter now: resolves an RFC 850 two-digit year: a year more than 50 years ahead of
    ///   `now` means the century before.
    package static func httpDate(_ value: String, now: Date) -> Date? {
        let tokens = value.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        switch tokens.count {
        case 6:  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            guard tokens[0].hasSuffix(","), isDayName(String(tokens[0].dropLast())), isGMT(tokens[5]),
                  let day = number(tokens[1], digits: 1...2), let month = month(tokens[2]),
                  let year = number(tokens[3], digits: 4...4) else { return nil }
            return utcDate(year: year, month: month, day: day, time: tokens[4])
        case 4:  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
            let parts = tokens[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard tokens[0].hasSuffix(","), isDayName(String(tokens[0].dropLast())), isGMT(tokens[3]),
                  parts.count == 3, let day = number(parts[0], digits: 1...2), let month = month(parts[1]),
                  let twoDigitYear = number(parts[2], digits: 2...2) else { return nil }
            return utcDate(year: fullYear(twoDigitYear, now: now), month: month, day: day, time: tokens[2])
        case 5:  // asctime: Sun Nov  6 08:49:37 1994
            guard isDayName(tokens[0]), let month = month(tokens[1]), let day = number(tokens[2], digits: 1...2),
                  let year = number(tokens[4], digits: 4...4) else { return nil }
            return utcDate(year: year, month: month, day: day, time: tokens[3])
        default:
            return nil
        }
    }

    // MARK: - Pieces

    private static let shortDays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let longDays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isDayName(_ token: String) -> Bool {
        let lower = token.lowercased()
        return shortDays.contains(lower) || longDays.contains(lower)
    }

    private static func isGMT(_ token: String) -> Bool {
        token.uppercased() == "GMT" || token.uppercased() == "UTC"
    }

    private static func month(_ token: String) -> Int? {
        months.firstIndex(of: token.lowercased()).map { $0 + 1 }
    }

    private static func number(_ token: String, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(token.utf8.count), token.utf8.allSatisfy(isDigit) else { return nil }
        return Int(token)
    }

    private static func fullYear(_ twoDigits: Int, now: Date) -> Int {
        let currentYear = Calendar.gregorian(in: .gmt).component(.year, from: now)
        let candidate = currentYear - currentYear % 100 + twoDigits
        return candidate > currentYear + 50 ? candidate - 100 : candidate
    }

    /// `HH:MM:SS` on a validated civil date, in UTC.
    private static func utcDate(year: Int, month: Int, day: Int, time: String) -> Date? {
        let parts = time.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3,
              let hour = number(parts[0], digits: 2...2), let minute = number(parts[1], digits: 2...2),
              let second = number(parts[2], digits: 2...2),
              hour < 24, minute < 60, second <= 60,
              day >= 1, day <= daysInMonth(month, year: year) else { return nil }
        let days = Calendar.daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    private static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
