import Foundation
import InvoiceDomain
import Testing

@Suite("RetryAfter")
struct RetryAfterTests {
    /// 1994-11-06T08:49:00Z, 37 s before the RFC's example date.
    static let now = Fixtures.instant("1994-11-06T08:49:00Z")

    @Test("delta-seconds", arguments: [("120", 120.0), ("0", 0.0), ("  30 ", 30.0), ("007", 7.0), ("86400", 86_400.0)])
    func deltaSeconds(_ header: String, _ expected: Double) {
        #expect(RetryAfter.seconds(from: header, now: Self.now) == expected)
    }

    @Test("HTTP-date in all three forms", arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Sun Nov 6 08:49:37 1994",
        "sun, 06 nov 1994 08:49:37 gmt",
    ])
    func httpDate(_ header: String) {
        #expect(RetryAfter.seconds(from: header, now: Self.now) == 37)
    }

    @Test("asctime with a two-digit day")
    func asctimeTwoDigitDay() {
        let tenDays: TimeInterval = 10 * 86_400
        #expect(RetryAfter.seconds(from: "Wed Nov 16 08:49:00 1994", now: Self.now) == tenDays)
    }

    @Test("a date in the past means retry now")
    func pastDate() {
        #expect(RetryAfter.seconds(from: "Sat, 05 Nov 1994 08:49:37 GMT", now: Self.now) == 0)
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 08:49:00 GMT", now: Self.now) == 0)
    }

    @Test("RFC 850 two-digit years: more than 50 years ahead means the previous century", arguments: [
        ("Thursday, 01-Jan-70 00:00:00 GMT", "2070-01-01T00:00:00Z"),
        ("Friday, 01-Jan-99 00:00:00 GMT", "1999-01-01T00:00:00Z"),
        ("Tuesday, 01-Jan-30 00:00:00 GMT", "2030-01-01T00:00:00Z"),
        ("Monday, 09-Mar-26 12:00:00 GMT", "2026-03-09T12:00:00Z"),
    ])
    func twoDigitYear(_ header: String, _ expected: String) {
        let now = Fixtures.instant("2026-03-09T00:00:00Z")
        #expect(RetryAfter.httpDate(header, now: now).map(Fixtures.iso) == expected)
    }

    @Test("leap days are validated")
    func leapDay() {
        let now = Fixtures.instant("2026-01-01T00:00:00Z")
        #expect(RetryAfter.httpDate("Tue, 29 Feb 2028 00:00:00 GMT", now: now).map(Fixtures.iso) == "2028-02-29T00:00:00Z")
        #expect(RetryAfter.httpDate("Mon, 29 Feb 2027 00:00:00 GMT", now: now) == nil)
        #expect(RetryAfter.httpDate("Tue, 29 Feb 2000 00:00:00 GMT", now: now) != nil)
        #expect(RetryAfter.httpDate("Thu, 29 Feb 2100 00:00:00 GMT", now: now) == nil)
    }

    @Test("garbage is nil", arguments: [
        "", "   ", "soon", "-5", "+5", "1.5", "12abc", "1e3", "0x10",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 06 Nov 1994 08:49:37 PST",
        "Sun 06 Nov 1994 08:49:37 GMT",
        "Foo, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 31 Nov 1994 08:49:37 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sunday, 06-Nov 08:49:37 GMT",
        "Sun Nov  6 08:49:37 94",
        "Sun Nov  6 08:49:37",
        "2026-03-09T12:00:00Z",
    ])
    func garbage(_ header: String) {
        #expect(RetryAfter.seconds(from: header, now: Self.now) == nil)
    }

    @Test("huge delta-seconds parse without overflow")
    func huge() {
        #expect(RetryAfter.seconds(from: "99999999999999999999999", now: Self.now) == 1e23)
    }
}
