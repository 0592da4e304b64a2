import Foundation
import InvoiceDomain
import StoreSeams
import Logging

/// Decides which reminders should exist now and writes them to the outbox.
///
/// For every remindable invoice it asks the invoice's policy (the default one, or the one its metadata names) for
/// the current step — a step of its schedule or a payment-event message (``ReminderPolicy/schedule(for:anchored:)``);
/// after downtime only the latest due one, never a burst of stale ones — and enqueues one delivery per step channel
/// that can be sent: the invoice has a valid recipient for it, a provider is configured, and the customer has not
/// opted out. Then it plans the receipts of newly paid invoices when configured. The outbox's unique key makes
/// planning the same step again a no-op, so every tick (and every scheduler instance) may plan freely; event
/// messages carry what makes them unique in their step name (`payment-failed-<attempt>`).
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
        let allSteps = configuration.policy.steps + configuration.namedPolicies.values.flatMap(\.steps)
        let horizon = now.addingTimeInterval(Self.lookAhead(allSteps))
        var after: String?
        let schedules = TickSchedules(configuration)
        var unknownPolicies: Set<String> = []
        while true {
            let page = try await store.remindableInvoices(dueBefore: horizon, limit: configuration.planPageSize, after: after)
            summary.invoicesScanned += page.count
            let optOuts = try await store.optOuts(customerIds: Set(page.compactMap(\.snapshot.customerId)))
            var batch: [NewDelivery] = []
            for invoice in page {
                if let name = invoice.snapshot.reminderPolicy, name != Self.defaultPolicyName, configuration.namedPolicies[name] == nil {
                    unknownPolicies.insert(name)
                }
                batch += deliveries(for: invoice, optedOut: invoice.snapshot.customerId.flatMap { optOuts[$0] } ?? [], schedules: schedules, now: now)
            }
            if !batch.isEmpty {
                summary.enqueued += try await store.enqueue(batch, now: now)
            }
            guard page.count == configuration.planPageSize, let last = page.last else { break }
            after = last.id
        }
        for name in unknownPolicies.sorted() {
            logger.warning("invoice metadata asks for a reminder policy that is not configured; using the default policy", metadata: ["reminder_policy": "\(name)"])
        }
        try await planReceipts(now: now, into: &summary)
        return summary
    }

    /// The name of the default policy (`reminders.steps`) in invoice metadata.
    static let defaultPolicyName = "default"

    /// Enqueues the receipt of every invoice paid within ``receiptLookBack`` that wants one (``ReminderPolicy/receipt``)
    /// and has none yet. The look-back keeps a first start with `always` from greeting every invoice ever paid.
    private func planReceipts(now: Date, into summary: inout Summary) async throws {
        let policy = configuration.policy
        guard policy.receipt != .never, !policy.receiptChannels.isEmpty else { return }
        var after: String?
        while true {
            let page = try await store.paidInvoicesAwaitingReceipt(
                paidSince: now.addingTimeInterval(-Self.receiptLookBack), requireSentReminder: policy.receipt == .afterReminder,
                limit: configuration.planPageSize, after: after
            )
            summary.invoicesScanned += page.count
            let optOuts = try await store.optOuts(customerIds: Set(page.compactMap(\.snapshot.customerId)))
            var batch: [NewDelivery] = []
            // The store returned only reminded invoices when the rule asks for a reminder first.
            for invoice in page where policy.wantsReceipt(for: invoice, remindedBefore: true) {
                let optedOut = invoice.snapshot.customerId.flatMap { optOuts[$0] } ?? []
                batch += deliveries(of: policy.receiptStep, for: invoice, optedOut: optedOut, now: now)
            }
            if !batch.isEmpty {
                summary.enqueued += try await store.enqueue(batch, now: now)
            }
            guard page.count == configuration.planPageSize, let last = page.last else { break }
            after = last.id
        }
    }

    /// How long after an invoice's last event a receipt may still be planned for it.
    static let receiptLookBack: TimeInterval = 3 * 86_400

    /// The deliveries `invoice` should have now (possibly already in the outbox).
    /// - Parameters:
    ///   - optedOut: the channels the invoice's customer opted out of.
    ///   - schedules: the pass's schedules by due date.
    func deliveries(for invoice: Invoice, optedOut: Set<Channel>, schedules: TickSchedules, now: Date) -> [NewDelivery] {
        guard let step = schedules.current(for: invoice, now: now)?.step else { return [] }
        return deliveries(of: step, for: invoice, optedOut: optedOut, now: now)
    }

    /// One delivery per channel of `step` that can be sent to `invoice`'s customer, not before the channel's window
    /// opens (SMS quiet hours, the e-mail send window) in the customer's zone.
    func deliveries(of step: ReminderStep, for invoice: Invoice, optedOut: Set<Channel>, now: Date) -> [NewDelivery] {
        var result: [NewDelivery] = []
        var seen: Set<Channel> = []
        for channel in step.channels where seen.insert(channel).inserted {
            guard router.hasRoute(for: channel), !optedOut.contains(channel) else { continue }
            guard let recipient = Self.recipient(for: channel, in: invoice.snapshot) else { continue }
            let notBefore = configuration.nextAllowed(channel, after: now, for: invoice)
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

    /// How far ahead of their due date invoices may already have a due step: the earliest "before due"
    /// offset, plus two days of slack for the send time, time-zone differences and a step moved to an earlier
    /// business day (holidays may move it further; such a step is sent when the look-ahead reaches it).
    static func lookAhead(_ steps: [ReminderStep]) -> TimeInterval {
        max(0, -(steps.map(\.offset.earliestSeconds).min() ?? 0)) + 2 * 86_400
    }
}
