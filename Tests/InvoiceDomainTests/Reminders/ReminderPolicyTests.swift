import Foundation
import InvoiceDomain
import Testing

@Suite("ReminderPolicy")
struct ReminderPolicyTests {
    static func policy(_ zone: String, sendAt: (hour: Int, minute: Int) = (9, 0), steps: [ReminderStep] = ReminderPolicy.defaultSteps) -> ReminderPolicy {
        ReminderPolicy(steps: steps, businessTimeZone: Fixtures.zone(zone), sendAt: sendAt)
    }

    static func step(_ offset: Int) -> ReminderStep {
        ReminderStep(name: "step\(offset)", offsetDays: offset, channels: [.email], kind: .overdue)
    }

    static func invoice(_ status: InvoiceStatus = .open, due: Date?, remaining: Int64? = nil) -> Invoice {
        var snapshot = Fixtures.snapshot(status, dueDate: due)
        if let remaining { snapshot.amountRemaining = remaining }
        return Invoice(source: "stripe", snapshot: snapshot, status: status, lastEventAt: Fixtures.t0, lastEventId: "evt_1")
    }

    // MARK: - Due instants

    struct DueCase: Sendable, CustomTestStringConvertible {
        var zone: String
        var dueDate: String
        var offset: Int
        var sendAt: Int
        var expected: String
        var testDescription: String { "\(zone) due \(dueDate) \(offset >= 0 ? "+" : "")\(offset)d @\(sendAt) -> \(expected)" }
    }

    @Test("due instant per zone, across DST changes", arguments: [
        // New York: EST (-5) until 2026-03-08 02:00, then EDT (-4).
        DueCase(zone: "America/New_York", dueDate: "2026-03-09T17:00:00Z", offset: -3, sendAt: 900, expected: "2026-03-06T14:00:00Z"),
        DueCase(zone: "America/New_York", dueDate: "2026-03-09T17:00:00Z", offset: -1, sendAt: 900, expected: "2026-03-08T13:00:00Z"),
        DueCase(zone: "America/New_York", dueDate: "2026-03-09T17:00:00Z", offset: 0, sendAt: 900, expected: "2026-03-09T13:00:00Z"),
        DueCase(zone: "America/New_York", dueDate: "2026-03-09T17:00:00Z", offset: 3, sendAt: 900, expected: "2026-03-12T13:00:00Z"),
        DueCase(zone: "America/New_York", dueDate: "2026-02-20T17:00:00Z", offset: 30, sendAt: 900, expected: "2026-03-22T13:00:00Z"),
        // The due timestamp's day is taken in the business zone: 03:00Z on the 9th is still the 8th in New York.
        DueCase(zone: "America/New_York", dueDate: "2026-03-09T03:00:00Z", offset: 0, sendAt: 900, expected: "2026-03-08T13:00:00Z"),
        // New York fall back 2026-11-01 02:00 EDT -> 01:00 EST.
        DueCase(zone: "America/New_York", dueDate: "2026-11-02T15:00:00Z", offset: -3, sendAt: 900, expected: "2026-10-30T13:00:00Z"),
        DueCase(zone: "America/New_York", dueDate: "2026-11-02T15:00:00Z", offset: 0, sendAt: 900, expected: "2026-11-02T14:00:00Z"),
        // Send time inside the spring-forward gap: first instant after the jump (03:00 EDT).
        DueCase(zone: "America/New_York", dueDate: "2026-03-08T17:00:00Z", offset: 0, sendAt: 230, expected: "2026-03-08T07:00:00Z"),
        // Send time in the repeated hour: its first occurrence (01:30 EDT).
        DueCase(zone: "America/New_York", dueDate: "2026-11-01T17:00:00Z", offset: 0, sendAt: 130, expected: "2026-11-01T05:30:00Z"),
        // Berlin: CEST (+2) until 2026-10-25 03:00, then CET (+1).
        DueCase(zone: "Europe/Berlin", dueDate: "2026-10-25T10:00:00Z", offset: -3, sendAt: 900, expected: "2026-10-22T07:00:00Z"),
        DueCase(zone: "Europe/Berlin", dueDate: "2026-10-25T10:00:00Z", offset: 0, sendAt: 900, expected: "2026-10-25T08:00:00Z"),
        DueCase(zone: "Europe/Berlin", dueDate: "2026-10-25T10:00:00Z", offset: 3, sendAt: 900, expected: "2026-10-28T08:00:00Z"),
        DueCase(zone: "Europe/Berlin", dueDate: "2026-03-30T10:00:00Z", offset: -3, sendAt: 900, expected: "2026-03-27T08:00:00Z"),
        DueCase(zone: "Europe/Berlin", dueDate: "2026-03-30T10:00:00Z", offset: 0, sendAt: 900, expected: "2026-03-30T07:00:00Z"),
        // Tokyo (+9, no DST): 03:00Z on the 9th is already noon on the 9th.
        DueCase(zone: "Asia/Tokyo", dueDate: "2026-03-09T03:00:00Z", offset: 0, sendAt: 900, expected: "2026-03-09T00:00:00Z"),
        DueCase(zone: "Asia/Tokyo", dueDate: "2026-03-09T03:00:00Z", offset: -3, sendAt: 900, expected: "2026-03-06T00:00:00Z"),
        DueCase(zone: "Asia/Tokyo", dueDate: "2026-03-09T03:00:00Z", offset: 14, sendAt: 1730, expected: "2026-03-23T08:30:00Z"),
        DueCase(zone: "Asia/Tokyo", dueDate: "2026-03-08T20:00:00Z", offset: 0, sendAt: 900, expected: "2026-03-09T00:00:00Z"),
        // UTC, across a month and a year end.
        DueCase(zone: "UTC", dueDate: "2026-03-09T23:59:59Z", offset: 0, sendAt: 900, expected: "2026-03-09T09:00:00Z"),
        DueCase(zone: "UTC", dueDate: "2026-12-30T12:00:00Z", offset: 3, sendAt: 900, expected: "2027-01-02T09:00:00Z"),
        DueCase(zone: "UTC", dueDate: "2028-03-01T12:00:00Z", offset: -1, sendAt: 0, expected: "2028-02-29T00:00:00Z"),
    ])
    func dueInstant(_ row: DueCase) {
        let policy = Self.policy(row.zone, sendAt: (row.sendAt / 100, row.sendAt % 100))
        let instant = policy.dueInstant(of: Self.step(row.offset), dueDate: Fixtures.instant(row.dueDate))
        #expect(Fixtures.iso(instant) == row.expected)
    }

    @Test("DST: steps stay at 09:00 local across the switch, so they are not 24 h apart")
    func dstStepsKeepLocalTime() {
        let policy = Self.policy("America/New_York")
        let due = Fixtures.instant("2026-03-09T17:00:00Z")
        let before = policy.dueInstant(of: Self.step(-1), dueDate: due)
        let sunday = policy.dueInstant(of: Self.step(-2), dueDate: due)
        #expect(before.timeIntervalSince(sunday) == 23 * 3600)
    }

    @Test("out-of-range send times are clamped, not trapped")
    func sendAtClamped() {
        let policy = Self.policy("UTC", sendAt: (hour: 30, minute: -5))
        #expect(policy.sendAt.hour == 23)
        #expect(policy.sendAt.minute == 0)
        #expect(Fixtures.iso(policy.dueInstant(of: Self.step(0), dueDate: Fixtures.instant("2026-03-09T12:00:00Z"))) == "2026-03-09T23:00:00Z")
    }

    // MARK: - Current step

    struct StepCase: Sendable, CustomTestStringConvertible {
        var now: String
        var expected: String?
        var testDescription: String { "\(now) -> \(expected ?? "nil")" }
    }

    /// Default steps, New York, 09:00, due 2026-03-09 (EDT from 2026-03-08).
    @Test("current step: the latest due step, boundaries inclusive", arguments: [
        StepCase(now: "2026-02-01T00:00:00Z", expected: nil),
        StepCase(now: "2026-03-06T13:59:59Z", expected: nil),
        StepCase(now: "2026-03-06T14:00:00Z", expected: "before-3d"),
        StepCase(now: "2026-03-09T12:59:59Z", expected: "before-3d"),
        StepCase(now: "2026-03-09T13:00:00Z", expected: "due"),
        StepCase(now: "2026-03-12T12:59:59Z", expected: "due"),
        StepCase(now: "2026-03-12T13:00:00Z", expected: "overdue-3d"),
        StepCase(now: "2026-03-16T13:00:00Z", expected: "overdue-7d"),
        StepCase(now: "2026-03-23T12:59:59Z", expected: "overdue-7d"),
        StepCase(now: "2026-03-23T13:00:00Z", expected: "overdue-14d"),
        StepCase(now: "2027-01-01T00:00:00Z", expected: "overdue-14d"),
    ])
    func currentStep(_ row: StepCase) {
        let policy = Self.policy("America/New_York")
        let invoice = Self.invoice(due: Fixtures.instant("2026-03-09T17:00:00Z"))
        #expect(policy.currentStep(for: invoice, now: Fixtures.instant(row.now))?.name == row.expected)
    }

    @Test("catch-up after downtime returns only the latest due step, never the missed ones")
    func catchUpAfterDowntime() {
        let policy = Self.policy("Europe/Berlin")
        let invoice = Self.invoice(due: Fixtures.instant("2026-10-25T10:00:00Z"))
        // Down from before the first step until 10 days after the due date: five steps' worth of time passed.
        let backUp = Fixtures.instant("2026-11-04T12:00:00Z")
        #expect(policy.currentStep(for: invoice, now: backUp)?.name == "overdue-7d")
        let dueSteps = policy.steps.filter { policy.dueInstant(of: $0, dueDate: Fixtures.instant("2026-10-25T10:00:00Z")) <= backUp }
        #expect(dueSteps.count == 4)
    }

    @Test("step order in the configuration does not matter")
    func orderIndependent() {
        let due = Fixtures.instant("2026-03-09T17:00:00Z")
        let invoice = Self.invoice(due: due)
        let forward = Self.policy("America/New_York")
        let reversed = Self.policy("America/New_York", steps: ReminderPolicy.defaultSteps.reversed())
        for day in 0..<30 {
            let now = Fixtures.instant("2026-03-01T15:00:00Z") + TimeInterval(day * 86_400)
            #expect(forward.currentStep(for: invoice, now: now) == reversed.currentStep(for: invoice, now: now))
        }
    }

    @Test("steps due at the same instant: the last listed wins")
    func sameInstantTie() {
        let first = ReminderStep(name: "a", offsetDays: 0, channels: [.email], kind: .dueToday)
        let second = ReminderStep(name: "b", offsetDays: 0, channels: [.sms], kind: .dueToday)
        let policy = Self.policy("UTC", steps: [first, second])
        let invoice = Self.invoice(due: Fixtures.instant("2026-03-09T12:00:00Z"))
        #expect(policy.currentStep(for: invoice, now: Fixtures.instant("2026-03-10T00:00:00Z"))?.name == "b")
    }

    struct NotRemindable: Sendable, CustomTestStringConvertible {
        var status: InvoiceStatus
        var remaining: Int64?
        var hasDueDate: Bool
        var testDescription: String { "\(status.rawValue) remaining=\(remaining.map(String.init) ?? "-") due=\(hasDueDate)" }
    }

    @Test("no step for invoices that are not remindable", arguments: [
        NotRemindable(status: .paid, remaining: nil, hasDueDate: true),
        NotRemindable(status: .void, remaining: nil, hasDueDate: true),
        NotRemindable(status: .draft, remaining: nil, hasDueDate: true),
        NotRemindable(status: .uncollectible, remaining: nil, hasDueDate: true),
        NotRemindable(status: .open, remaining: 0, hasDueDate: true),
        NotRemindable(status: .partiallyPaid, remaining: 0, hasDueDate: true),
        NotRemindable(status: .open, remaining: nil, hasDueDate: false),
    ])
    func notRemindable(_ row: NotRemindable) {
        let policy = Self.policy("UTC")
        let invoice = Self.invoice(row.status, due: row.hasDueDate ? Fixtures.instant("2026-03-09T12:00:00Z") : nil, remaining: row.remaining)
        #expect(policy.currentStep(for: invoice, now: Fixtures.instant("2026-04-30T00:00:00Z")) == nil)
    }

    @Test("partially paid invoices with money remaining get reminders")
    func partiallyPaidReminded() {
        let policy = Self.policy("UTC")
        let invoice = Self.invoice(.partiallyPaid, due: Fixtures.instant("2026-03-09T12:00:00Z"))
        #expect(policy.currentStep(for: invoice, now: Fixtures.instant("2026-03-09T09:00:00Z"))?.kind == .dueToday)
    }

    @Test("no steps configured means no reminder")
    func emptySteps() {
        let policy = Self.policy("UTC", steps: [])
        #expect(policy.currentStep(for: Self.invoice(due: Fixtures.instant("2026-03-09T12:00:00Z")), now: Fixtures.instant("2030-01-01T00:00:00Z")) == nil)
    }

    @Test("default steps")
    func defaults() {
        let steps = ReminderPolicy.defaultSteps
        #expect(steps.map(\.name) == ["before-3d", "due", "overdue-3d", "overdue-7d", "overdue-14d"])
        #expect(steps.map(\.offsetDays) == [-3, 0, 3, 7, 14])
        #expect(steps.map(\.kind) == [.beforeDue, .dueToday, .overdue, .overdue, .finalNotice])
        #expect(steps.map(\.channels) == [[.email], [.email, .sms], [.email], [.email, .sms], [.email, .sms]])
        #expect(Set(steps.map(\.name)).count == steps.count)
    }

    @Test("kinds are the template family names")
    func kindNames() {
        #expect(ReminderKind.allCases.map(\.rawValue) == ["before_due", "due_today", "overdue", "final_notice", "payment_failed", "action_required", "payment_received"])
    }

    // MARK: - Days from due

    struct DaysCase: Sendable, CustomTestStringConvertible {
        var zone: String
        var due: String
        var now: String
        var expected: Int
        var testDescription: String { "\(zone) due \(due) now \(now) -> \(expected)" }
    }

    @Test("days from due are calendar days in the business zone", arguments: [
        DaysCase(zone: "America/New_York", due: "2026-03-09T17:00:00Z", now: "2026-03-06T14:00:00Z", expected: -3),
        DaysCase(zone: "America/New_York", due: "2026-03-09T17:00:00Z", now: "2026-03-08T04:59:59Z", expected: -2),
        DaysCase(zone: "America/New_York", due: "2026-03-09T17:00:00Z", now: "2026-03-09T03:59:59Z", expected: -1),
        DaysCase(zone: "America/New_York", due: "2026-03-09T17:00:00Z", now: "2026-03-09T04:00:00Z", expected: 0),
        DaysCase(zone: "America/New_York", due: "2026-03-09T17:00:00Z", now: "2026-03-10T03:59:59Z", expected: 0),
        DaysCase(zone: "America/New_York", due: "2026-03-09T17:00:00Z", now: "2026-03-12T13:00:00Z", expected: 3),
        DaysCase(zone: "Europe/Berlin", due: "2026-10-25T10:00:00Z", now: "2026-10-24T21:59:59Z", expected: -1),
        DaysCase(zone: "Europe/Berlin", due: "2026-10-25T10:00:00Z", now: "2026-10-24T22:00:00Z", expected: 0),
        DaysCase(zone: "Europe/Berlin", due: "2026-10-25T10:00:00Z", now: "2026-10-25T22:59:59Z", expected: 0),
        DaysCase(zone: "Europe/Berlin", due: "2026-10-25T10:00:00Z", now: "2026-10-25T23:00:00Z", expected: 1),
        DaysCase(zone: "Asia/Tokyo", due: "2026-03-08T20:00:00Z", now: "2026-03-08T14:59:59Z", expected: -1),
        DaysCase(zone: "Asia/Tokyo", due: "2026-03-08T20:00:00Z", now: "2026-03-08T15:00:00Z", expected: 0),
        DaysCase(zone: "UTC", due: "2026-12-30T12:00:00Z", now: "2027-01-02T00:00:00Z", expected: 3),
        DaysCase(zone: "UTC", due: "2028-02-28T12:00:00Z", now: "2028-03-01T00:00:00Z", expected: 2),
        DaysCase(zone: "UTC", due: "2026-03-09T12:00:00Z", now: "2025-03-09T12:00:00Z", expected: -365),
    ])
    func daysFromDue(_ row: DaysCase) {
        let policy = Self.policy(row.zone)
        #expect(policy.daysFromDue(Fixtures.instant(row.due), now: Fixtures.instant(row.now)) == row.expected)
    }
}
