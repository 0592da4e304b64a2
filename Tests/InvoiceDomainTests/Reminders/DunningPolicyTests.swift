import Foundation
import InvoiceDomain
import Testing

/// Which messages an invoice gets across its lifecycle, by collection method: the planner asks the policy for the
/// current step every hour, and the step names it gets (each sent once: the outbox key) are the invoice's messages.
@Suite("Dunning policy")
struct DunningPolicyTests {
    static let utc = Fixtures.zone("UTC")
    static let day: TimeInterval = 86_400
    static let start = Fixtures.instant("2026-03-02T10:00:00Z")

    static func policy(receipt: ReceiptRule = .never) -> ReminderPolicy {
        var policy = ReminderPolicy(steps: ReminderPolicy.defaultSteps, businessTimeZone: utc, sendAt: (9, 0))
        policy.receipt = receipt
        return policy
    }

    /// What happens to the invoice: a Stripe event `after` days from ``start``.
    struct Happening: Sendable {
        var afterDays: Double
        var kind: InvoiceEventKind
        var status: String = "open"
        var attempt: Int = 0
        /// Days from ``start`` of the next automatic attempt, if any.
        var nextAttemptDays: Double?
    }

    struct Lifecycle: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        /// Days from ``start`` of the due date, if any.
        var dueDays: Double?
        var happenings: [Happening]
        var expected: [String]
        var testDescription: String { name }
    }

    /// Replays `lifecycle` hour by hour over 30 days: events through the state machine (the store keeps the times
    /// of failures and action requests across other events), then the policy's current step.
    static func messages(_ lifecycle: Lifecycle, policy: ReminderPolicy) -> [String] {
        var invoice: Invoice?
        var pending = lifecycle.happenings.sorted { $0.afterDays < $1.afterDays }
        var sent: [String] = []
        for hour in 0...(30 * 24) {
            let now = start.addingTimeInterval(Double(hour) * 3600)
            while let next = pending.first, start.addingTimeInterval(next.afterDays * day) <= now {
                pending.removeFirst()
                var snapshot = Fixtures.raw(
                    next.status, amountPaid: next.status == "paid" ? 1000 : 0, attemptCount: next.attempt,
                    dueDate: lifecycle.dueDays.map { start.addingTimeInterval($0 * day) }
                )
                snapshot.collectionMethod = lifecycle.method
                snapshot.nextPaymentAttempt = next.nextAttemptDays.map { start.addingTimeInterval($0 * day) }
                let event = Fixtures.event("evt_\(hour)_\(next.kind.rawValue)", next.kind, at: start.addingTimeInterval(next.afterDays * day), snapshot)
                if case .apply(var applied) = InvoiceStateMachine.decide(event, current: invoice) {
                    applied.lastPaymentFailedAt = applied.lastPaymentFailedAt ?? invoice?.lastPaymentFailedAt
                    applied.actionRequiredAt = applied.actionRequiredAt ?? invoice?.actionRequiredAt
                    invoice = applied
                }
            }
            guard let invoice else { continue }
            if let step = policy.currentStep(for: invoice, now: now), sent.last != step.name, !sent.contains(step.name) {
                sent.append(step.name)
            }
        }
        return sent
    }

    static let auto = CollectionMethod.chargeAutomatically
    static let send = CollectionMethod.sendInvoice

    @Test("messages across a lifecycle", arguments: [
        Lifecycle(
            name: "auto-charged: created → payment_failed ×3 (retries planned) → paid: one message per failed attempt, no due-date reminders",
            method: auto, dueDays: nil,
            happenings: [
                Happening(afterDays: 0, kind: .created),
                Happening(afterDays: 1, kind: .paymentFailed, attempt: 1, nextAttemptDays: 4),
                Happening(afterDays: 4, kind: .paymentFailed, attempt: 2, nextAttemptDays: 8),
                Happening(afterDays: 8, kind: .paymentFailed, attempt: 3, nextAttemptDays: 15),
                Happening(afterDays: 15, kind: .paid, status: "paid", attempt: 4),
            ],
            expected: ["payment-failed-1", "payment-failed-2", "payment-failed-3"]
        ),
        Lifecycle(
            name: "auto-charged with a due date still gets no before-due or due-today reminder",
            method: auto, dueDays: 5,
            happenings: [Happening(afterDays: 0, kind: .finalized), Happening(afterDays: 20, kind: .paid, status: "paid", attempt: 1)],
            expected: []
        ),
        Lifecycle(
            name: "auto-charged: payment_failed → next attempt null → overdue steps from the last failure",
            method: auto, dueDays: nil,
            happenings: [
                Happening(afterDays: 0, kind: .created),
                Happening(afterDays: 1, kind: .paymentFailed, attempt: 1, nextAttemptDays: 4),
                Happening(afterDays: 4, kind: .paymentFailed, attempt: 2, nextAttemptDays: nil),
            ],
            // Last failure 2026-03-06T10:00Z: overdue-3d on the 9th, 7d on the 13th, 14d on the 20th, at 09:00.
            expected: ["payment-failed-1", "payment-failed-2", "overdue-3d", "overdue-7d", "overdue-14d"]
        ),
        Lifecycle(
            name: "auto-charged: action_required → paid: one action-required message",
            method: auto, dueDays: nil,
            happenings: [
                Happening(afterDays: 0, kind: .created),
                Happening(afterDays: 1, kind: .paymentActionRequired, attempt: 1, nextAttemptDays: nil),
                Happening(afterDays: 1.5, kind: .updated, attempt: 1, nextAttemptDays: nil),
                Happening(afterDays: 3, kind: .paid, status: "paid", attempt: 1),
            ],
            expected: ["action-required"]
        ),
        Lifecycle(
            name: "send_invoice keeps today's steps; a failed payment adds the payment-failed message",
            method: send, dueDays: 5,
            happenings: [
                Happening(afterDays: 0, kind: .finalized),
                Happening(afterDays: 6, kind: .paymentFailed, attempt: 1, nextAttemptDays: nil),
            ],
            expected: ["before-3d", "due", "payment-failed-1", "overdue-3d", "overdue-7d", "overdue-14d"]
        ),
        Lifecycle(
            name: "send_invoice paid after the due reminder: nothing more",
            method: send, dueDays: 5,
            happenings: [Happening(afterDays: 0, kind: .finalized), Happening(afterDays: 6, kind: .paid, status: "paid")],
            expected: ["before-3d", "due"]
        ),
    ])
    func lifecycle(_ lifecycle: Lifecycle) {
        #expect(Self.messages(lifecycle, policy: Self.policy()) == lifecycle.expected)
    }

    @Test("an unknown collection method is treated as send_invoice")
    func unknownMethod() {
        var snapshot = Fixtures.raw("open", dueDate: Self.start)
        snapshot.collectionMethod = nil
        let invoice = Invoice(source: "stripe", snapshot: snapshot, status: .open, lastEventAt: Self.start, lastEventId: "evt_1")
        #expect(Self.policy().currentStep(for: invoice, now: Self.start.addingTimeInterval(Self.day))?.name == "due")
    }

    // MARK: - Receipts

    struct ReceiptCase: Sendable, CustomTestStringConvertible {
        var rule: ReceiptRule
        var status: InvoiceStatus
        var reminded: Bool
        var expected: Bool
        var testDescription: String { "\(rule) \(status) reminded=\(reminded) -> \(expected)" }
    }

    @Test("receipt rules", arguments: [
        ReceiptCase(rule: .never, status: .paid, reminded: true, expected: false),
        ReceiptCase(rule: .afterReminder, status: .paid, reminded: true, expected: true),
        ReceiptCase(rule: .afterReminder, status: .paid, reminded: false, expected: false),
        ReceiptCase(rule: .always, status: .paid, reminded: false, expected: true),
        ReceiptCase(rule: .always, status: .open, reminded: true, expected: false),
        ReceiptCase(rule: .always, status: .void, reminded: true, expected: false),
    ])
    func receipt(_ row: ReceiptCase) {
        let invoice = Fixtures.invoice(row.status)
        #expect(Self.policy(receipt: row.rule).wantsReceipt(for: invoice, remindedBefore: row.reminded) == row.expected)
        #expect(Self.policy(receipt: row.rule).receiptStep.name == "payment-received")
    }

    // MARK: - Pause and skip

    static func openInvoice(due: Date) -> Invoice {
        var snapshot = Fixtures.raw("open", dueDate: due)
        snapshot.collectionMethod = send
        return Invoice(source: "stripe", snapshot: snapshot, status: .open, lastEventAt: Self.start, lastEventId: "evt_1")
    }

    @Test("a paused invoice gets nothing until the pause ends, then only the latest step")
    func pause() {
        var invoice = Self.openInvoice(due: Self.start)
        invoice.remindersPausedUntil = Self.start.addingTimeInterval(10 * Self.day)
        let policy = Self.policy()
        #expect(policy.currentStep(for: invoice, now: Self.start.addingTimeInterval(4 * Self.day)) == nil)
        #expect(policy.currentStep(for: invoice, now: Self.start.addingTimeInterval(9.9 * Self.day)) == nil)
        #expect(policy.currentStep(for: invoice, now: Self.start.addingTimeInterval(10 * Self.day))?.name == "overdue-7d")
    }

    @Test("a skipped step is not sent, and does not bring back an earlier one")
    func skip() {
        var invoice = Self.openInvoice(due: Self.start)
        invoice.skippedSteps = ["overdue-3d"]
        let policy = Self.policy()
        #expect(policy.currentStep(for: invoice, now: Self.start.addingTimeInterval(4 * Self.day)) == nil)
        #expect(policy.currentStep(for: invoice, now: Self.start.addingTimeInterval(8 * Self.day))?.name == "overdue-7d")
    }
}
