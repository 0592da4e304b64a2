/// One scheduled reminder relative to an invoice's due date (or, for an auto-charged invoice whose retries are
/// over, relative to its last failed payment).
package struct ReminderStep: Sendable, Codable, Equatable, Hashable {
    /// Unique, stable id of the step (e.g. `before-3d`, `due`, `overdue-3d`); part of the delivery
    /// idempotency key, so renaming a step makes it send again.
    package var name: String
    /// Where the step falls relative to its anchor.
    package var offset: ReminderOffset
    /// Channels to send on, in order.
    package var channels: [Channel]
    /// Template family.
    package var kind: ReminderKind
    /// Where a step that falls on a day off goes when business days are configured.
    package var dayOffShift: DayOffShift
    /// Copy the invoice's `escalation_email` on this step's e-mail.
    package var copyEscalationEmail: Bool
    /// Copy the business's accounts-receivable address (`business.arEmail`) on this step's e-mail.
    package var copyAccountsReceivable: Bool

    package init(
        name: String, offset: ReminderOffset, channels: [Channel], kind: ReminderKind, dayOffShift: DayOffShift = .next,
        copyEscalationEmail: Bool = false, copyAccountsReceivable: Bool = false
    ) {
        self.name = name
        self.offset = offset
        self.channels = channels
        self.kind = kind
        self.dayOffShift = dayOffShift
        self.copyEscalationEmail = copyEscalationEmail
        self.copyAccountsReceivable = copyAccountsReceivable
    }

    /// A step `offsetDays` calendar days from the due date (`-3` three days before, `0` on the day, `7` after).
    package init(name: String, offsetDays: Int, channels: [Channel], kind: ReminderKind) {
        self.init(name: name, offset: .days(offsetDays), channels: channels, kind: kind)
    }

    /// Whole calendar days of a day offset; an exact offset's whole days, rounded toward the past.
    package var offsetDays: Int {
        switch offset {
        case .days(let days): days
        case .exact(let seconds): Int((Double(seconds) / 86_400).rounded(.down))
        }
    }
}

/// Where a step that falls on a day off (weekend or holiday) moves.
package enum DayOffShift: String, Sendable, Codable, CaseIterable, Hashable {
    /// To the next business day, at the policy's send time.
    case next
    /// To the previous business day, at the policy's send time.
    case previous
}
