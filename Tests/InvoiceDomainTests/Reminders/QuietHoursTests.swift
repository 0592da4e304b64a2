import Foundation
import InvoiceDomain
import Testing

@Suite("QuietHours")
struct QuietHoursTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var window: String  // "HHMM-HHMM"
        var zone: String
        var date: String
        var expected: String
        var testDescription: String { "\(window) \(zone) \(date) -> \(expected)" }

        var quietHours: QuietHours {
            let parts = window.split(separator: "-").compactMap { Int($0) }
            return QuietHours(start: (parts[0] / 100, parts[0] % 100), end: (parts[1] / 100, parts[1] % 100))
        }
    }

    @Test("next allowed instant", arguments: [
        // Wrapping window 21:00–08:00 in UTC.
        Case(window: "2100-0800", zone: "UTC", date: "2026-05-04T20:59:59Z", expected: "2026-05-04T20:59:59Z"),
        Case(window: "2100-0800", zone: "UTC", date: "2026-05-04T21:00:00Z", expected: "2026-05-05T08:00:00Z"),
        Case(window: "2100-0800", zone: "UTC", date: "2026-05-04T23:30:00Z", expected: "2026-05-05T08:00:00Z"),
        Case(window: "2100-0800", zone: "UTC", date: "2026-05-05T00:00:00Z", expected: "2026-05-05T08:00:00Z"),
        Case(window: "2100-0800", zone: "UTC", date: "2026-05-05T07:59:59Z", expected: "2026-05-05T08:00:00Z"),
        Case(window: "2100-0800", zone: "UTC", date: "2026-05-05T08:00:00Z", expected: "2026-05-05T08:00:00Z"),
        Case(window: "2100-0800", zone: "UTC", date: "2026-05-05T12:00:00Z", expected: "2026-05-05T12:00:00Z"),
        Case(window: "2100-0800", zone: "UTC", date: "2026-12-31T22:00:00Z", expected: "2027-01-01T08:00:00Z"),
        // Window inside one day.
        Case(window: "1200-1330", zone: "UTC", date: "2026-05-05T11:59:00Z", expected: "2026-05-05T11:59:00Z"),
        Case(window: "1200-1330", zone: "UTC", date: "2026-05-05T12:00:00Z", expected: "2026-05-05T13:30:00Z"),
        Case(window: "1200-1330", zone: "UTC", date: "2026-05-05T13:29:59Z", expected: "2026-05-05T13:30:00Z"),
        Case(window: "1200-1330", zone: "UTC", date: "2026-05-05T13:30:00Z", expected: "2026-05-05T13:30:00Z"),
        // Window ending at midnight.
        Case(window: "2200-0000", zone: "UTC", date: "2026-05-05T23:00:00Z", expected: "2026-05-06T00:00:00Z"),
        Case(window: "2200-0000", zone: "UTC", date: "2026-05-06T00:00:00Z", expected: "2026-05-06T00:00:00Z"),
        // start == end: no quiet hours.
        Case(window: "2100-2100", zone: "UTC", date: "2026-05-05T21:00:00Z", expected: "2026-05-05T21:00:00Z"),
        Case(window: "0000-0000", zone: "America/New_York", date: "2026-03-08T07:00:00Z", expected: "2026-03-08T07:00:00Z"),
        // Local time, not UTC: 22:00 JST is quiet, ends 08:00 JST next day.
        Case(window: "2100-0800", zone: "Asia/Tokyo", date: "2026-03-09T13:00:00Z", expected: "2026-03-09T23:00:00Z"),
        Case(window: "2100-0800", zone: "Asia/Tokyo", date: "2026-03-09T11:59:59Z", expected: "2026-03-09T11:59:59Z"),
        Case(window: "2100-0800", zone: "Europe/Berlin", date: "2026-07-01T19:30:00Z", expected: "2026-07-02T06:00:00Z"),
        // DST night, New York spring forward (22:00 EST -> 08:00 EDT is 9 hours).
        Case(window: "2100-0800", zone: "America/New_York", date: "2026-03-08T03:00:00Z", expected: "2026-03-08T12:00:00Z"),
        Case(window: "2100-0800", zone: "America/New_York", date: "2026-03-08T07:30:00Z", expected: "2026-03-08T12:00:00Z"),
        // New York fall back: 08:00 EST.
        Case(window: "2100-0800", zone: "America/New_York", date: "2026-11-01T02:00:00Z", expected: "2026-11-01T13:00:00Z"),
        // Berlin fall back night: 23:00 CEST -> 08:00 CET.
        Case(window: "2100-0800", zone: "Europe/Berlin", date: "2026-10-24T21:00:00Z", expected: "2026-10-25T07:00:00Z"),
        // End time skipped by the spring-forward jump: the jump itself (03:00 EDT).
        Case(window: "2200-0230", zone: "America/New_York", date: "2026-03-08T06:00:00Z", expected: "2026-03-08T07:00:00Z"),
        // End time in the repeated hour: the occurrence after `date`.
        Case(window: "0000-0130", zone: "America/New_York", date: "2026-11-01T05:10:00Z", expected: "2026-11-01T05:30:00Z"),
        Case(window: "0000-0130", zone: "America/New_York", date: "2026-11-01T06:10:00Z", expected: "2026-11-01T06:30:00Z"),
        Case(window: "0000-0130", zone: "America/New_York", date: "2026-11-01T05:40:00Z", expected: "2026-11-01T05:40:00Z"),
    ])
    func nextAllowed(_ row: Case) {
        let result = row.quietHours.nextAllowed(after: Fixtures.instant(row.date), in: Fixtures.zone(row.zone))
        #expect(Fixtures.iso(result) == row.expected)
    }

    @Test("never earlier than the input, always outside quiet hours, idempotent", arguments: ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "UTC"])
    func properties(_ zone: String) {
        let timeZone = Fixtures.zone(zone)
        let windows = [QuietHours(start: (21, 0), end: (8, 0)), QuietHours(start: (1, 30), end: (3, 15)), QuietHours(start: (23, 45), end: (0, 15))]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        // Four days around each DST switch, every 13 minutes.
        for start in ["2026-03-06T00:00:00Z", "2026-03-27T00:00:00Z", "2026-10-23T00:00:00Z", "2026-10-30T00:00:00Z"] {
            var date = Fixtures.instant(start)
            let stop = date + 4 * 86_400
            while date < stop {
                for window in windows {
                    let next = window.nextAllowed(after: date, in: timeZone)
                    #expect(next >= date)
                    #expect(window.nextAllowed(after: next, in: timeZone) == next, "\(Fixtures.iso(date)) -> \(Fixtures.iso(next)) is still quiet")
                    #expect(next.timeIntervalSince(date) <= 12 * 3600)
                    let local = calendar.dateComponents([.hour, .minute], from: date)
                    let minute = (local.hour ?? 0) * 60 + (local.minute ?? 0)
                    let quiet = window.startMinute < window.endMinute
                        ? (window.startMinute..<window.endMinute).contains(minute)
                        : minute >= window.startMinute || minute < window.endMinute
                    #expect((next == date) == !quiet, "\(Fixtures.iso(date)) quiet=\(quiet) -> \(Fixtures.iso(next))")
                }
                date += 13 * 60
            }
        }
    }

    @Test("start equal to end means no quiet hours")
    func empty() {
        #expect(QuietHours(start: (21, 0), end: (21, 0)).isEmpty)
        #expect(QuietHours.none.isEmpty)
        #expect(!QuietHours(start: (21, 0), end: (8, 0)).isEmpty)
    }

    @Test("out-of-range times are clamped")
    func clamped() {
        let hours = QuietHours(start: (25, 70), end: (-1, -1))
        #expect(hours.startMinute == 23 * 60 + 59)
        #expect(hours.endMinute == 0)
    }
}
