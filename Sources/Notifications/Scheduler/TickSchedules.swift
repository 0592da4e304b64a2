import Foundation
import InvoiceDomain
import Synchronization

/// The reminder schedule of each anchor (due date, or last failed payment), per reminder policy, worked out once
/// per tick.
///
/// Every delivery asks whether its step is still the one to send, once when picked up and again right before
/// the call, and each answer needs the calendar work of ``ReminderPolicy/schedule(dueDate:)`` (Foundation's
/// calendar is slow here). Invoices of one billing run share due dates, so a tick mostly repeats the same few.
/// The cache lives as long as the tick, so a policy change applies from the next one.
final class TickSchedules: Sendable {
    typealias Schedule = ReminderPolicy.Schedule

    /// The default policy.
    let policy: ReminderPolicy
    /// Named policies chosen by an invoice's metadata `reminder_policy`.
    let named: [String: ReminderPolicy]
    private let schedules = Mutex<[Key: Schedule]>([:])

    private struct Key: Hashable {
        var policy: String?
        var anchor: Date
    }

    init(_ policy: ReminderPolicy, named: [String: ReminderPolicy] = [:]) {
        self.policy = policy
        self.named = named
    }

    convenience init(_ configuration: SchedulerConfiguration) {
        self.init(configuration.policy, named: configuration.namedPolicies)
    }

    /// The policy `invoice` asks for by name, or the default one (for no name, `default`, or a name not configured).
    func policy(for invoice: Invoice) -> (name: String?, policy: ReminderPolicy) {
        guard let name = invoice.snapshot.reminderPolicy, let chosen = named[name] else { return (nil, policy) }
        return (name, chosen)
    }

    /// Every step `invoice` may get with its instant (``ReminderPolicy/schedule(for:anchored:)``) under its policy.
    func schedule(for invoice: Invoice) -> Schedule {
        let (name, chosen) = policy(for: invoice)
        return chosen.schedule(for: invoice, anchored: { self.schedule(policy: name, chosen, anchor: $0) })
    }

    /// The step `invoice` should get at `now` (``ReminderPolicy/current(for:now:anchored:)``) under its policy.
    func current(for invoice: Invoice, now: Date) -> (step: ReminderStep, at: Date)? {
        let (name, chosen) = policy(for: invoice)
        return chosen.current(for: invoice, now: now, anchored: { self.schedule(policy: name, chosen, anchor: $0) })
    }

    /// The default policy's steps counted from `dueDate`, cached for the tick.
    func schedule(dueDate: Date) -> Schedule {
        schedule(policy: nil, policy, anchor: dueDate)
    }

    private func schedule(policy name: String?, _ chosen: ReminderPolicy, anchor: Date) -> Schedule {
        let key = Key(policy: name, anchor: anchor)
        if let known = schedules.withLock({ $0[key] }) { return known }
        let schedule = chosen.schedule(dueDate: anchor)
        schedules.withLock { $0[key] = schedule }
        return schedule
    }
}
