import Foundation
import InvoiceDomain
import Testing

@Suite("Step timing: offsets, business days, send windows")
struct StepTimingTests {
    // MARK: - Offsets

    @Test("offsets parse to exact durations", arguments: [
        ("-3d", Int64(-259_200)), ("+7d", 604_800), ("+2h", 7_200), ("-90m", -5_400), ("+30s", 30), ("45s", 45), ("+0s", 0),
        ("1d12h", 129_600), ("PT2H", 7_200), ("-P3D", -259_200), ("P1DT30M", 88_200), ("P2W", 1_209_600), ("+PT90S", 90), ("pt2h", 7_200),
    ])
    func parse(_ text: String, _ seconds: Int64) {
        #expect(ReminderOffset(parsing: text) == .exact(seconds: seconds))
    }

    @Test("offsets that are not durations are refused", arguments: ["", "+", "3", "2x", "P", "PT", "P1Y", "P1M", "h2", "1h1d", "+-3d", "3 d", "PT2H30"])
    func refuse(_ text: String) {
        #expect(ReminderOffset(parsing: text) == nil)
    }

    @Test("an exact offset counts from the due timestamp, not the send time")
    func exactFromDue() {
        let policy = ReminderPolicy(steps: [], businessTimeZone: Fixtures.zone("Europe/Berlin"), sendAt: (9, 0))
        let due = Fixtures.instant("2026-03-10T15:20:00Z")
        for (text, expected) in [("+2h", "2026-03-10T17:20:00Z"), ("-90m", "2026-03-10T13:50:00Z"), ("-3d", "2026-03-07T15:20:00Z"), ("+20s", "2026-03-10T15:20:20Z")] {
            let step = ReminderStep(name: text, offset: ReminderOffset(parsing: text)!, channels: [.email], kind: .overdue)
            #expect(policy.dueInstant(of: step, dueDate: due) == Fixtures.instant(expected), "\(text)")
        }
    }

    // MARK: - Business days

    struct DayOffCase: Sendable, CustomTestStringConvertible {
        var note: String
        var zone: String
        var due: String
        var offset: ReminderOffset
        var shift: DayOffShift
        var expected: String
        var testDescription: String { note }
    }

    static let holidays: Set<CivilDate> = [
        CivilDate(year: 2026, month: 12, day: 25), CivilDate(year: 2026, month: 12, day: 26), CivilDate(year: 2027, month: 1, day: 1),
    ]

    @Test("steps on days off move to a business day at sendAt", arguments: [
        DayOffCase(note: "Christmas (Fri) → Mon 28th", zone: "Europe/Berlin", due: "2026-12-24T12:00:00Z", offset: .days(1), shift: .next, expected: "2026-12-28T08:00:00Z"),
        DayOffCase(note: "Christmas (Fri) → Thu 24th (previous)", zone: "Europe/Berlin", due: "2026-12-24T12:00:00Z", offset: .days(1), shift: .previous, expected: "2026-12-24T08:00:00Z"),
        DayOffCase(note: "year end: New Year's Day (Fri) → Mon 4 Jan", zone: "Europe/Berlin", due: "2026-12-31T12:00:00Z", offset: .days(1), shift: .next, expected: "2027-01-04T08:00:00Z"),
        DayOffCase(note: "year end: Saturday 2 Jan → Mon 4 Jan", zone: "Europe/Berlin", due: "2026-12-31T12:00:00Z", offset: .days(2), shift: .next, expected: "2027-01-04T08:00:00Z"),
        DayOffCase(note: "year end backwards: Sat 2 Jan → Thu 31 Dec (Fri 1 Jan is a holiday)", zone: "Europe/Berlin", due: "2026-12-31T12:00:00Z", offset: .days(2), shift: .previous, expected: "2026-12-31T08:00:00Z"),
        DayOffCase(note: "spring forward Sunday 29 Mar → Mon 30th 09:00 CEST", zone: "Europe/Berlin", due: "2026-03-27T12:00:00Z", offset: .days(2), shift: .next, expected: "2026-03-30T07:00:00Z"),
        DayOffCase(note: "spring forward Sunday → Fri 27th 09:00 CET (previous)", zone: "Europe/Berlin", due: "2026-03-27T12:00:00Z", offset: .days(2), shift: .previous, expected: "2026-03-27T08:00:00Z"),
        DayOffCase(note: "fall back: Sat 24 Oct → Mon 26th 09:00 CET", zone: "Europe/Berlin", due: "2026-10-23T12:00:00Z", offset: .days(1), shift: .next, expected: "2026-10-26T08:00:00Z"),
        DayOffCase(note: "New York fall back Sun 1 Nov → Mon 2nd 09:00 EST", zone: "America/New_York", due: "2026-10-30T16:00:00Z", offset: .days(2), shift: .next, expected: "2026-11-02T14:00:00Z"),
        DayOffCase(note: "an exact offset on a Saturday → Monday at sendAt", zone: "UTC", due: "2026-03-07T10:00:00Z", offset: .exact(seconds: 7_200), shift: .next, expected: "2026-03-09T09:00:00Z"),
        DayOffCase(note: "a weekday step stays", zone: "Europe/Berlin", due: "2026-03-09T12:00:00Z", offset: .days(1), shift: .next, expected: "2026-03-10T08:00:00Z"),
    ])
    func dayOff(_ row: DayOffCase) {
        var policy = ReminderPolicy(steps: [], businessTimeZone: Fixtures.zone(row.zone), sendAt: (9, 0))
        policy.businessDays = BusinessDays(weekdays: Set(2...6), holidays: Self.holidays)
        let step = ReminderStep(name: "s", offset: row.offset, channels: [.email], kind: .overdue, dayOffShift: row.shift)
        #expect(policy.dueInstant(of: step, dueDate: Fixtures.instant(row.due)) == Fixtures.instant(row.expected))
    }

    @Test("business days are off by default: a Saturday step stays on Saturday")
    func offByDefault() {
        let policy = ReminderPolicy(steps: [], businessTimeZone: Fixtures.zone("UTC"), sendAt: (9, 0))
        let step = ReminderStep(name: "s", offsetDays: 1, channels: [.email], kind: .overdue)
        #expect(policy.dueInstant(of: step, dueDate: Fixtures.instant("2026-03-06T10:00:00Z")) == Fixtures.instant("2026-03-07T09:00:00Z"))
    }

    @Test("catch-up after downtime across a moved step: only the latest due step")
    func catchUp() {
        var policy = ReminderPolicy(steps: ReminderPolicy.defaultSteps, businessTimeZone: Fixtures.zone("UTC"), sendAt: (9, 0))
        policy.businessDays = .mondayToFriday
        var snapshot = Fixtures.raw("open", dueDate: Fixtures.instant("2026-03-06T10:00:00Z"))  // Friday
        snapshot.collectionMethod = CollectionMethod.sendInvoice
        let invoice = Invoice(source: "stripe", snapshot: snapshot, status: .open, lastEventAt: Fixtures.t0, lastEventId: "evt_1")
        // overdue-3d: Mon 9th; overdue-7d: Fri 13th. Back after downtime on Sat 14th: only overdue-7d.
        #expect(policy.currentStep(for: invoice, now: Fixtures.instant("2026-03-14T12:00:00Z"))?.name == "overdue-7d")
        #expect(policy.currentStep(for: invoice, now: Fixtures.instant("2026-03-09T08:59:00Z"))?.name == "due")
    }

    @Test("holiday dates parse strictly", arguments: [("2026-12-25", true), ("2028-02-29", true), ("2026-02-29", false), ("2026-13-01", false), ("26-12-25", false), ("2026-1-05", false)])
    func civilDate(_ text: String, _ valid: Bool) {
        #expect((CivilDate(parsing: text) != nil) == valid)
    }

    // MARK: - Send windows

    @Test("the e-mail send window holds mail until it opens, in the customer's zone", arguments: [
        ("2026-03-02T06:00:00Z", "2026-03-02T07:00:00Z"),  // 07:00 Berlin → 08:00
        ("2026-03-02T12:00:00Z", "2026-03-02T12:00:00Z"),  // inside
        ("2026-03-02T17:30:00Z", "2026-03-03T07:00:00Z"),  // 18:30 → next morning
        ("2026-03-28T22:00:00Z", "2026-03-29T06:00:00Z"),  // Saturday 23:00 CET → Sunday 08:00 CEST (spring forward)
    ])
    func sendWindow(_ now: String, _ expected: String) {
        let window = SendWindow(start: (8, 0), end: (18, 0))
        #expect(window.nextAllowed(after: Fixtures.instant(now), in: Fixtures.zone("Europe/Berlin")) == Fixtures.instant(expected))
    }
}
