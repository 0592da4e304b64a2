import Foundation
import InvoiceDomain
import StoreSeams
import Logging

/// Decides which reminders should exist now and writes them to the outbox.
///
/// For every remindable invoice it asks the policy for the current step (after downtime only the
/// latest due step, never a burst of stale ones) and enqueues one delivery per step channel that
/// can be sent: the invoice has a valid recipient for it, a provider is configured, and the customer
/// has not opted out. The outbox's unique key makes planning the same step again a no-op, so every
/// tick (and every scheduler instance) may plan freely.
struct ReminderPlanner: Sendable {
    /// What one planning pass did.
    struct Summary: Sendable, Equatable {
        var invoicesScanned = 0
        var enqueued = 0
    }

    let store: any ReminderPlanningStore
    let configuration: SchedulerConfiguration
    let router: ProviderRouter
    let logger: Logger

    /// Pages through remindable invoices whose earliest step may be due and enqueues their current step.
    func plan(now: Date) async throws -> Summary {
        var summary = Summary()
        let horizon = now.addingTimeInterval(Self.lookAheadDays(configuration.policy.steps) * 86_400)
        var after: String?
        let schedules = TickSchedules(configuration.policy)
        while true {
            let page = try await store.remindableInvoices(dueBefore: horizon, limit: configuration.planPageSize, after: after)
            summary.invoicesScanned += page.count
            let optOuts = try await store.optOuts(customerIds: Set(page.compactMap(\.snapshot.customerId)))
            var batch: [NewDelivery] = []
            for invoice in page {
                batch += deliveries(for: invoice, optedOut: invoice.snapshot.customerId.flatMap { optOuts[$0] } ?? [], schedules: schedules, now: now)
            }
            if !batch.isEmpty {
                summary.enqueued += try await store.enqueue(batch, now: now)
            }
            guard page.count == configuration.planPageSize, let last = page.last else { break }
            after = last.id
        }
        return summary
    }

    /// The deliveries `invoice` should have now (possibly already in the outbox).
    /// - Parameters:
    ///   - optedOut: the channels the invoice's customer opted out of.
    ///   - schedules: the pass's schedules by due date.
    func deliveries(for invoice: Invoice, optedOut: Set<Channel>, schedules: TickSchedules, now: Date) -> [NewDelivery] {
        guard let step = ReminderPolicy.currentStep(for: invoice, now: now, schedule: schedules.schedule(dueDate:)) else { return [] }
        var result: [NewDelivery] = []
        var seen: Set<Channel> = []
        for channel in step.channels where seen.insert(channel).inserted {
            guard router.hasRoute(for: channel), !optedOut.contains(channel) else { continue }
            guard let recipient = Self.recipient(for: channel, in: invoice.snapshot) else { continue }
            let notBefore = channel == .sms
                ? configuration.quietHours.nextAllowed(after: now, in: configuration.customerTimeZone(for: invoice))
                : now
            result.append(NewDelivery(
                invoiceId: invoice.id, step: step.name, kind: step.kind.rawValue, channel: channel,
                recipient: recipient, notBefore: notBefore
            ))
        }
        return result
    }

    /// The invoice's address for `channel` when it is usable: an email address, or an E.164 number for SMS.
    static func recipient(for channel: Channel, in snapshot: InvoiceSnapshot) -> String? {
        switch channel {
        case .email:
            guard let email = snapshot.customerEmail?.trimmingCharacters(in: .whitespaces), ContactFormat.isValidEmail(email) else { return nil }
            return email
        case .sms:
            guard let phone = snapshot.customerPhone?.trimmingCharacters(in: .whitespaces), ContactFormat.isValidE164(phone) else { return nil }
            return phone
        }
    }

    /// How far ahead of their due date invoices may already have a due step: the largest "before due"
    /// offset, plus two days of slack for the send time and time-zone differences.
    static func lookAheadDays(_ steps: [ReminderStep]) -> Double {
        Double(max(0, -(steps.map(\.offsetDays).min() ?? 0)) + 2)
    }
}
