import Foundation
import GRDB
import InvoiceDomain

/// A `Date` bound as GRDB's text storage format, `yyyy-MM-dd HH:mm:ss.SSS` in UTC, formatted by arithmetic.
///
/// GRDB formats `Date` arguments with a `DateFormatter` (ICU), which cost about a fifth of the writer's time
/// on the ingest path. This produces the identical text (rounded to the millisecond, as CoreFoundation does) for years
/// 1600–9999 and defers to GRDB outside them (ICU switches to the Julian calendar before 1582).
/// Reading is unchanged: the column holds the same text.
struct StoredDate: DatabaseValueConvertible {
    var date: Date

    init(_ date: Date) { self.date = date }

    var databaseValue: DatabaseValue { Self.text(date).map(\.databaseValue) ?? date.databaseValue }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredDate? {
        if let text = String.fromDatabaseValue(dbValue), let date = date(text) { return StoredDate(date) }
        return Date.fromDatabaseValue(dbValue).map(StoredDate.init)
    }

    /// The date of text in exactly the storage format (years 1600–9999) with whole seconds, or `nil` for anything
    /// else, which GRDB's own, more lenient parser then reads. (Fractions are left to GRDB: its calendar arithmetic
    /// can round the last bit differently, and provider event times are whole seconds anyway.)
    static func date(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 23 else { return nil }
            func number(_ range: Range<Int>) -> Int64? {
                var value: Int64 = 0
                for index in range {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int64(digit)
                }
                return value
            }
            let separators: [(Int, UInt8)] = [(4, 0x2D), (7, 0x2D), (10, 0x20), (13, 0x3A), (16, 0x3A), (19, 0x2E)]
            guard separators.allSatisfy({ bytes[$0.0] == $0.1 }),
                  let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                  let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
                  number(20..<23) == 0,
                  year >= 1600, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
                  hour < 24, minute < 60, second < 60
            else { return nil }
            let days = Int64(Calendar.daysFromCivil(year: Int(year), month: Int(month), day: Int(day)))
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
            return Date(timeIntervalSince1970: Double(seconds))
        }
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static let firstMillis: Double = -11_676_096_000_000  // 1600-01-01
    private static let endMillis: Double = 253_402_300_800_000  // 10000-01-01

    /// The storage text, or `nil` outside the years formatted here.
    static func text(_ date: Date) -> String? {
        withText(date) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the storage text's UTF-8 bytes (no allocation), or returns `nil` outside the years
    /// formatted here.
    static func withText<T>(_ date: Date, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T? {
        // Milliseconds since 1970 exactly as CFDateFormatter hands them to ICU: from seconds since 2001, plus a half.
        let millis = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000 + 0.5).rounded(.down)
        guard millis >= firstMillis, millis < endMillis else { return nil }
        let total = Int64(millis)
        var days = total / 86_400_000
        var inDay = total % 86_400_000
        if inDay < 0 {
            days -= 1
            inDay += 86_400_000
        }
        let (year, month, day) = civil(fromDays: days)
        let seconds = inDay / 1000
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 23) { buffer in
            var index = 0
            func put(_ value: Int64, _ digits: Int, then separator: UInt8?) {
                var value = value
                for offset in stride(from: digits - 1, through: 0, by: -1) {
                    buffer[index + offset] = UInt8(truncatingIfNeeded: value % 10) &+ UInt8(ascii: "0")
                    value /= 10
                }
                index += digits
                if let separator {
                    buffer[index] = separator
                    index += 1
                }
            }
            put(year, 4, then: UInt8(ascii: "-"))
            put(month, 2, then: UInt8(ascii: "-"))
            put(day, 2, then: UInt8(ascii: " "))
            put(seconds / 3600, 2, then: UInt8(ascii: ":"))
            put(seconds / 60 % 60, 2, then: UInt8(ascii: ":"))
            put(seconds % 60, 2, then: UInt8(ascii: "."))
            put(inDay % 1000, 3, then: nil)
            return try body(UnsafeBufferPointer(rebasing: buffer[..<index]))
        }
    }

    /// Proleptic Gregorian year, month and day of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Optional<Date> {
    /// The argument to bind for an optional date column.
    var stored: StoredDate? { map(StoredDate.init) }
}

extension Date {
    /// The argument to bind for a date column.
    var stored: StoredDate { StoredDate(self) }
}
