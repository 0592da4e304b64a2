package import Foundation

/// Chooses which reminder an invoice should get now, from its due date (or payment events) and a list of steps.
///
/// All day arithmetic happens in the business time zone with calendar days, not 86 400-second
/// blocks, so a step stays at the configured local send time across daylight-saving changes.
///
/// How an invoice's schedule is built (``schedule(for:anchored:)``):
/// - `send_invoice` (or unknown collection method): every step, counted from the due date.
/// - `charge_automatically`: no before-due or due-today step. While the provider still plans another attempt
///   (`next_payment_attempt` set) only the payment-failed messages; after the last failure (`next_payment_attempt`
///   `nil`, still open) the other steps, counted from that last failure.
/// - Either method: a `payment-failed-<attempt_count>` message at the latest failure (once per failed attempt) and
///   an `action-required` message at the latest `invoice.payment_action_required` (once per invoice).
package struct ReminderPolicy: Sendable {
    package typealias Schedule = [(step: ReminderStep, at: Date)]

    package let steps: [ReminderStep]
    package let businessTimeZone: TimeZone
    /// Local business time at which a step becomes due on its day; clamped to 00:00–23:59.
    package let sendAt: (hour: Int, minute: Int)
    /// Days on which steps may fall; a step on a day off moves (``ReminderStep/dayOffShift``).
    package var businessDays: BusinessDays = .everyDay
    /// Channels of the payment-failed message; empty sends none.
    package var paymentFailedChannels: [Channel] = [.email, .sms]
    /// Channels of the action-required message; empty sends none.
    package var actionRequiredChannels: [Channel] = [.email, .sms]
    /// Whether paid invoices get a receipt.
    package var receipt: ReceiptRule = .never
    /// Channels of the receipt.
    package var receiptChannels: [Channel] = [.email]

    private let calendar: Calendar

    package init(steps: [ReminderStep], businessTimeZone: TimeZone, sendAt: (hour: Int, minute: Int)) {
        self.steps = steps
        self.businessTimeZone = businessTimeZone
        self.sendAt = (hour: min(max(sendAt.hour, 0), 23), minute: min(max(sendAt.minute, 0), 59))
        self.calendar = .gregorian(in: businessTimeZone)
    }

    // MARK: - Event messages

    /// The step name (and outbox idempotency-key part) of the payment-failed message for failed attempt `attempt`.
    package static func paymentFailedStepName(attempt: Int) -> String { "payment-failed-\(attempt)" }
    /// The step name of the action-required message (one per invoice).
    package static let actionRequiredStepName = "action-required"
    /// The step name of the receipt (one per invoice).
    package static let paymentReceivedStepName = "payment-received"

    /// The receipt step: the invoice's paid message.
    package var receiptStep: ReminderStep {
        ReminderStep(name: Self.paymentReceivedStepName, offset: .exact(seconds: 0), channels: receiptChannels, kind: .paymentReceived)
    }

    // MARK: - Scheduling

    /// When `step` becomes due, counted from `anchor` (the due date, or the last failed payment).
    ///
    /// A day offset is the anchor's calendar day in the business time zone plus `offsetDays` calendar days, at
    /// ``sendAt`` local time (a send time skipped by a daylight-saving jump becomes the first instant after it).
    /// An exact offset is the anchor plus that duration. Either then moves off a day off, when business days are
    /// configured, to the next (or previous) business day at ``sendAt``.
    package func dueInstant(of step: ReminderStep, dueDate anchor: Date) -> Date {
        let instant: Date
        switch step.offset {
        case .days(let days):
            let anchorDay = calendar.localNoon(of: anchor)
            let stepDay = calendar.date(byAdding: .day, value: days, to: anchorDay) ?? anchorDay
            instant = calendar.instant(hour: sendAt.hour, minute: sendAt.minute, onDayOf: stepDay)
        case .exact(let seconds):
            instant = anchor.addingTimeInterval(TimeInterval(seconds))
        }
        return onBusinessDay(instant, shift: step.dayOffShift)
    }

    /// `instant` when it falls on a business day, else ``sendAt`` on the nearest business day in `shift`'s direction.
    package func onBusinessDay(_ instant: Date, shift: DayOffShift) -> Date {
        guard !businessDays.isEveryDay, !businessDays.weekdays.isEmpty, !businessDays.isBusinessDay(instant, in: calendar) else {
            return instant
        }
        var day = calendar.localNoon(of: instant)
        let direction = shift == .next ? 1 : -1
        // A year of holidays at most; past it the configuration is nonsense and the step stays where it was.
        for _ in 0..<370 {
            day = calendar.localNoon(of: calendar.date(byAdding: .day, value: direction, to: day) ?? day)
            if businessDays.isBusinessDay(day, in: calendar) {
                return calendar.instant(hour: sendAt.hour, minute: sendAt.minute, onDayOf: day)
            }
        }
        return instant
    }

    /// The one step to send now: the latest step of ``schedule(for:anchored:)`` whose instant is at or before `now`.
    ///
    /// Catch-up rule: after downtime only the latest due step is returned, never a burst of stale
    /// ones; the caller's idempotency key (invoice, step name) stops it from being sent twice.
    /// - Returns: `nil` when the invoice is not remindable (``Invoice/isRemindable``), its reminders are paused at
    ///   `now`, no step is due yet, or the due step was skipped by an operator. Of steps due at the same instant,
    ///   the last listed wins.
    package func currentStep(for invoice: Invoice, now: Date) -> ReminderStep? {
        current(for: invoice, now: now, anchored: schedule(dueDate:))?.step
    }

    /// ``currentStep(for:now:)`` with its instant, the anchored schedules taken from `anchored` (a caller's cache
    /// of ``schedule(dueDate:)``).
    package func current(for invoice: Invoice, now: Date, anchored: (Date) -> Schedule) -> (step: ReminderStep, at: Date)? {
        if let pausedUntil = invoice.remindersPausedUntil, pausedUntil > now { return nil }
        guard let current = Self.current(in: schedule(for: invoice, anchored: anchored), now: now) else { return nil }
        return invoice.skippedSteps.contains(current.step.name) ? nil : current
    }

    /// Every step `invoice` may get with its instant, in configured order then event messages: see the type's
    /// documentation for the collection methods. Empty for an invoice that is not remindable.
    /// - Parameter anchored: ``schedule(dueDate:)``, or a cache of it.
    package func schedule(for invoice: Invoice, anchored: (Date) -> Schedule) -> Schedule {
        guard invoice.isRemindable else { return [] }
        let snapshot = invoice.snapshot
        var result: Schedule = []
        if snapshot.isChargedAutomatically {
            if snapshot.nextPaymentAttempt == nil, let failedAt = invoice.lastPaymentFailedAt {
                result = anchored(failedAt).filter { !$0.step.kind.isBeforeOrOnDue }
            }
        } else if let dueDate = snapshot.dueDate {
            result = anchored(dueDate)
        }
        if let failedAt = invoice.lastPaymentFailedAt, !paymentFailedChannels.isEmpty {
            let attempt = max(snapshot.attemptCount, 1)
            let step = ReminderStep(
                name: Self.paymentFailedStepName(attempt: attempt), offset: .exact(seconds: 0), channels: paymentFailedChannels, kind: .paymentFailed
            )
            result.append((step, failedAt))
        }
        if let requestedAt = invoice.actionRequiredAt, !actionRequiredChannels.isEmpty {
            let step = ReminderStep(name: Self.actionRequiredStepName, offset: .exact(seconds: 0), channels: actionRequiredChannels, kind: .actionRequired)
            result.append((step, requestedAt))
        }
        return result
    }

    /// Every configured step with its ``dueInstant(of:dueDate:)`` from `anchor`, in configured order: the calendar
    /// work for one anchor, done once for callers that ask several questions about it.
    package func schedule(dueDate anchor: Date) -> Schedule {
        steps.map { ($0, dueInstant(of: $0, dueDate: anchor)) }
    }

    /// The step ``currentStep(for:now:)`` picks, from a schedule.
    package static func current(in schedule: Schedule, now: Date) -> (step: ReminderStep, at: Date)? {
        var best: (step: ReminderStep, at: Date)?
        for entry in schedule where entry.at <= now {
            if let current = best, entry.at < current.at { continue }
            best = entry
        }
        return best
    }

    /// Whether a paid `invoice` should get a receipt under ``receipt``.
    /// - Parameter remindedBefore: whether at least one reminder was sent for it.
    package func wantsReceipt(for invoice: Invoice, remindedBefore: Bool) -> Bool {
        guard invoice.status == .paid, !receiptChannels.isEmpty else { return false }
        switch receipt {
        case .never: return false
        case .afterReminder: return remindedBefore
        case .always: return true
        }
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
