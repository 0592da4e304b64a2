import Foundation
import InvoiceDomain
import Synchronization

/// The reminder schedule of each due date, worked out once per tick.
///
/// Every delivery asks whether its step is still the one to send, once when picked up and again right before
/// the call, and each answer needs the calendar work of ``ReminderPolicy/schedule(dueDate:)`` (Foundation's
/// calendar is slow here). Invoices of one billing run share due dates, so a tick mostly repeats the same few.
/// The cache lives as long as the tick, so a policy change applies from the next one.
final class TickSchedules: Sendable {
    typealias Schedule = [(step: ReminderStep, at: Date)]

    private let policy: ReminderPolicy
    private let schedules = Mutex<[Date: Schedule]>([:])

    init(_ policy: ReminderPolicy) {
        self.policy = policy
    }

    func schedule(dueDate: Date) -> Schedule {
        if let known = schedules.withLock({ $0[dueDate] }) { return known }
        let schedule = policy.schedule(dueDate: dueDate)
        schedules.withLock { $0[dueDate] = schedule }
        return schedule
    }
}
