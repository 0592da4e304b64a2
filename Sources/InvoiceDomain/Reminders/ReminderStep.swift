/// One scheduled reminder relative to an invoice's due date.
package struct ReminderStep: Sendable, Codable, Equatable, Hashable {
    /// Unique, stable id of the step (e.g. `before-3d`, `due`, `overdue-3d`); part of the delivery
    /// idempotency key, so renaming a step makes it send again.
    package var name: String
    /// Calendar days relative to the due date in the business time zone: `-3` three days before,
    /// `0` on the day, `7` seven days after.
    package var offsetDays: Int
    /// Channels to send on, in order.
    package var channels: [Channel]
    /// Template family.
    package var kind: ReminderKind

    package init(name: String, offsetDays: Int, channels: [Channel], kind: ReminderKind) {
        self.name = name
        self.offsetDays = offsetDays
        self.channels = channels
        self.kind = kind
    }
}
