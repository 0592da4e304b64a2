package import Foundation

/// Chooses which reminder an invoice should get now, from its due date and a list of steps.
///
/// All day arithmetic happens in the business time zone with calendar days, not 86 400-second
/// blocks, so a step stays at the configured local send time across daylight-saving changes.
package struct ReminderPolicy: Sendable {
    package let steps: [ReminderStep]
    package let businessTimeZone: TimeZone
    /// Local business time at which a step becomes due on its day; clamped to 00:00–23:59.
    package let sendAt: (hour: Int, minute: Int)

    private let calendar: Calendar

    package init(steps: [ReminderStep], businessTimeZone: TimeZone, sendAt: (hour: Int, minute: Int)) {
        self.steps = steps
        self.businessTimeZone = businessTimeZone
        self.sendAt = (hour: min(max(sendAt.hour, 0), 23), minute: min(max(sendAt.minute, 0), 59))
        self.calendar = .gregorian(in: businessTimeZone)
    }

    // MARK: - Scheduling

    /// When `step` becomes due: the due date's calendar day in the business time zone, plus
    /// `offsetDays` calendar days, at ``sendAt`` local time.
    ///
    /// A send time skipped by a daylight-saving jump becomes the first instant after the jump.
    package func dueInstant(of step: ReminderStep, dueDate: Date) -> Date {
        let dueDay = calendar.localNoon(of: dueDate)
        let stepDay = calendar.date(byAdding: .day, value: step.offsetDays, to: dueDay) ?? dueDay
        return calendar.instant(hour: sendAt.hour, minute: sendAt.minute, onDayOf: stepDay)
    }

    /// The one step to send now: the latest step whose ``dueInstant(of:dueDate:)`` is at or before `now`.
    ///
    /// Catch-up rule: after downtime only the latest due step is returned, never a burst of stale
    /// ones; the caller's idempotency key (invoice, step name) stops it from being sent twice.
    /// - Returns: `nil` when the invoice is not remindable (``Invoice/isRemindable``), has no due
    ///   date, or no step is due yet. Of steps due at the same instant, the last listed wins.
    package func currentStep(for invoice: Invoice, now: Date) -> ReminderStep? {
        Self.currentStep(for: invoice, now: now, schedule: schedule(dueDate:))
    }

    /// ``currentStep(for:now:)`` with the schedules of due dates taken from `schedule` (a caller's cache of
    /// ``schedule(dueDate:)``).
    package static func currentStep(
        for invoice: Invoice, now: Date, schedule: (Date) -> [(step: ReminderStep, at: Date)]
    ) -> ReminderStep? {
        guard invoice.isRemindable, let dueDate = invoice.snapshot.dueDate else { return nil }
        return current(in: schedule(dueDate), now: now)?.step
    }

    /// Every step with its ``dueInstant(of:dueDate:)``, in configured order: the calendar work for one due date,
    /// done once for callers that ask several questions about it.
    package func schedule(dueDate: Date) -> [(step: ReminderStep, at: Date)] {
        steps.map { ($0, dueInstant(of: $0, dueDate: dueDate)) }
    }

    /// The step ``currentStep(for:now:)`` picks, from a ``schedule(dueDate:)``.
    package static func current(in schedule: [(step: ReminderStep, at: Date)], now: Date) -> (step: ReminderStep, at: Date)? {
        var best: (step: ReminderStep, at: Date)?
        for entry in schedule where entry.at <= now {
            if let current = best, entry.at < current.at { continue }
            best = entry
        }
        return best
    }

    /// Calendar days from the due date's day to `now`'s day in the business time zone:
    /// negative before the due day, `0` on it, positive once overdue.
    package func daysFromDue(_ dueDate: Date, now: Date) -> Int {
        calendar.calendarDays(from: dueDate, to: now)
    }

    // MARK: - Defaults

    /// Three days before (email), on the day (email + SMS), 3 and 7 days overdue, and a final
    /// notice at 14 days overdue.
    package static let defaultSteps: [ReminderStep] = [
        ReminderStep(name: "before-3d", offsetDays: -3, channels: [.email], kind: .beforeDue),
        ReminderStep(name: "due", offsetDays: 0, channels: [.email, .sms], kind: .dueToday),
        ReminderStep(name: "overdue-3d", offsetDays: 3, channels: [.email], kind: .overdue),
        ReminderStep(name: "overdue-7d", offsetDays: 7, channels: [.email, .sms], kind: .overdue),
        ReminderStep(name: "overdue-14d", offsetDays: 14, channels: [.email, .sms], kind: .finalNotice),
    ]
}
