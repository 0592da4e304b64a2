/// Which template family a reminder uses; the raw value is the family's name on disk and in the outbox.
package enum ReminderKind: String, Sendable, Codable, CaseIterable, Hashable {
    case beforeDue = "before_due"
    case dueToday = "due_today"
    case overdue
    case finalNotice = "final_notice"
}
