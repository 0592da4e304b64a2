import Foundation
import InvoiceDomain
import StoreSeams
import Testing

// MARK: - Dunning: the invoice's collection fields, payment-event times, receipts and the operator's control

extension StoreConformance {
    static func autoCharged(_ invoice: String, attempt: Int, nextAttempt: Date?) -> InvoiceSnapshot {
        var snapshot = Fixture.snapshot(invoice, dueDate: nil)
        snapshot.collectionMethod = "charge_automatically"
        snapshot.nextPaymentAttempt = nextAttempt
        snapshot.billingReason = "subscription_cycle"
        snapshot.attemptCount = attempt
        snapshot.reminderPolicy = "gentle"
        snapshot.escalationEmail = "boss@example.com"
        return snapshot
    }

    @Test(arguments: Backend.allCases)
    func collectionFieldsAndPaymentEventTimesAreStored(backend: Backend) async throws {
        try await backend.withStore { store in
            let failedAt = Fixture.now
            let next = Fixture.now.addingTimeInterval(3 * 86_400)
            _ = try await store.ingest(Fixture.event("evt_1", invoice: "in_1", kind: .paymentFailed, createdAt: failedAt, snapshot: Self.autoCharged("in_1", attempt: 1, nextAttempt: next)))
            var invoice = try #require(try await store.invoice(id: "in_1"))
            #expect(invoice.snapshot == Self.autoCharged("in_1", attempt: 1, nextAttempt: next).with(lastPaymentError: nil))
            #expect(invoice.lastPaymentFailedAt == failedAt)
            #expect(invoice.actionRequiredAt == nil)

            // A later event of another kind keeps the failure time; an action request adds its own.
            _ = try await store.ingest(Fixture.event("evt_2", invoice: "in_1", kind: .updated, createdAt: failedAt.addingTimeInterval(60), snapshot: Self.autoCharged("in_1", attempt: 1, nextAttempt: next)))
            _ = try await store.ingest(Fixture.event("evt_3", invoice: "in_1", kind: .paymentActionRequired, createdAt: failedAt.addingTimeInterval(120), snapshot: Self.autoCharged("in_1", attempt: 1, nextAttempt: nil)))
            invoice = try #require(try await store.invoice(id: "in_1"))
            #expect(invoice.lastPaymentFailedAt == failedAt)
            #expect(invoice.actionRequiredAt == failedAt.addingTimeInterval(120))
            #expect(invoice.snapshot.nextPaymentAttempt == nil)

            // Without a due date, the recorded failure makes it remindable.
            #expect(try await store.remindableInvoices(dueBefore: Fixture.now, limit: 10, after: nil).map(\.id) == ["in_1"])
        }
    }

    @Test(arguments: Backend.allCases)
    func pauseAndSkipsSurviveEvents(backend: Backend) async throws {
        try await backend.withStore { store in
            _ = try await store.ingest(Fixture.event("evt_1", invoice: "in_1"))
            let until = Fixture.now.addingTimeInterval(86_400)
            #expect(try await store.setReminderPause(invoiceId: "in_1", until: until, note: "disputed", now: Fixture.now)?.pauseNote == "disputed")
            #expect(try await store.setSkippedSteps(invoiceId: "in_1", ["overdue-7d"])?.skippedSteps == ["overdue-7d"])
            #expect(try await store.setReminderPause(invoiceId: "in_nope", until: until, note: nil, now: Fixture.now) == nil)

            _ = try await store.ingest(Fixture.event("evt_2", invoice: "in_1", kind: .updated, createdAt: Fixture.now.addingTimeInterval(60)))
            var invoice = try #require(try await store.invoice(id: "in_1"))
            #expect(invoice.remindersPausedUntil == until)
            #expect(invoice.pauseNote == "disputed")
            #expect(invoice.skippedSteps == ["overdue-7d"])
            #expect(try await store.remindableInvoices(dueBefore: Fixture.dueDate.addingTimeInterval(1), limit: 10, after: nil).first?.remindersPausedUntil == until)

            // A delivery held back by the pause becomes due when the pause is lifted; others keep their time.
            _ = try await store.enqueue([Fixture.reminder("in_1"), Fixture.reminder("in_1", channel: .sms, notBefore: until)], now: Fixture.now)
            let claimed = try await store.claimDue(now: Fixture.now, limit: 10, owner: "w", lease: 60)
            #expect(claimed.count == 1)
            _ = try await store.completeAll(claimed.map {
                DeliveryCompletion(deliveryId: $0.id, owner: "w", attempt: nil, transition: .deferred(until: until, reason: DeliveryTransition.pausedReason), now: Fixture.now)
            })
            let resumedAt = Fixture.now.addingTimeInterval(600)
            invoice = try #require(try await store.setReminderPause(invoiceId: "in_1", until: nil, note: "ignored", now: resumedAt))
            let rows = try await store.deliveries(matching: DeliveryFilter(invoiceId: "in_1"), limit: 10, before: nil)
            #expect(rows.first { $0.channel == .email }?.nextAttemptAt == resumedAt)
            #expect(rows.first { $0.channel == .sms }?.nextAttemptAt == until)
            #expect(invoice.remindersPausedUntil == nil)
            #expect(invoice.pauseNote == nil)
            #expect(try await store.setSkippedSteps(invoiceId: "in_1", [])?.skippedSteps == [])
        }
    }

    @Test(arguments: Backend.allCases)
    func paidInvoicesAwaitReceiptOnce(backend: Backend) async throws {
        try await backend.withStore { store in
            for id in ["in_1", "in_2", "in_3"] {
                _ = try await store.ingest(Fixture.event("evt_\(id)", invoice: id))
            }
            // in_1 was reminded (a sent delivery), in_2 was not; in_3 stays open.
            _ = try await store.enqueue([Fixture.reminder("in_1")], now: Fixture.now)
            let claimed = try await store.claimDue(now: Fixture.now, limit: 10, owner: "w", lease: 60)
            _ = try await store.completeAll(claimed.map {
                DeliveryCompletion(deliveryId: $0.id, owner: "w", attempt: nil, transition: .sent(provider: "p", messageId: "m", templateId: "t", templateVersion: 1), now: Fixture.now)
            })
            let paidAt = Fixture.now.addingTimeInterval(3600)
            _ = try await store.ingest(Fixture.paid("evt_p1", invoice: "in_1", createdAt: paidAt))
            _ = try await store.ingest(Fixture.paid("evt_p2", invoice: "in_2", createdAt: paidAt))

            let since = Fixture.now
            #expect(try await store.paidInvoicesAwaitingReceipt(paidSince: since, requireSentReminder: true, limit: 10, after: nil).map(\.id) == ["in_1"])
            #expect(try await store.paidInvoicesAwaitingReceipt(paidSince: since, requireSentReminder: false, limit: 10, after: nil).map(\.id) == ["in_1", "in_2"])
            #expect(try await store.paidInvoicesAwaitingReceipt(paidSince: since, requireSentReminder: false, limit: 1, after: "in_1").map(\.id) == ["in_2"])
            #expect(try await store.paidInvoicesAwaitingReceipt(paidSince: paidAt.addingTimeInterval(1), requireSentReminder: false, limit: 10, after: nil).isEmpty)

            _ = try await store.enqueue([NewDelivery(
                invoiceId: "in_1", step: ReminderPolicy.paymentReceivedStepName, kind: "payment_received", channel: .email, recipient: "ada@example.com", notBefore: paidAt
            )], now: paidAt)
            #expect(try await store.paidInvoicesAwaitingReceipt(paidSince: since, requireSentReminder: false, limit: 10, after: nil).map(\.id) == ["in_2"])
        }
    }
}

extension StoreConformance {
    @Test(arguments: Backend.allCases)
    func reconciliationCorrectsTheNextAttemptAndKeepsEventTimes(backend: Backend) async throws {
        try await backend.withStore { store in
            let next = Fixture.now.addingTimeInterval(3 * 86_400)
            _ = try await store.ingest(Fixture.event("evt_1", invoice: "in_1", kind: .paymentFailed, snapshot: Self.autoCharged("in_1", attempt: 1, nextAttempt: next)))
            _ = try await store.setSkippedSteps(invoiceId: "in_1", ["overdue-3d"])
            // The provider gave up; the webhook saying so was missed.
            let drift = try await store.correctInvoice(
                source: "stripe", snapshot: Self.autoCharged("in_1", attempt: 2, nextAttempt: nil), observedAt: Fixture.now.addingTimeInterval(60), dryRun: false
            )
            #expect(Set(drift.map(\.field)) == ["next_payment_attempt", "attempt_count"])
            let invoice = try #require(try await store.invoice(id: "in_1"))
            #expect(invoice.snapshot.nextPaymentAttempt == nil)
            #expect(invoice.snapshot.attemptCount == 2)
            #expect(invoice.lastPaymentFailedAt == Fixture.now)
            #expect(invoice.skippedSteps == ["overdue-3d"])
        }
    }
}

extension InvoiceSnapshot {
    func with(lastPaymentError: String?) -> InvoiceSnapshot {
        var copy = self
        copy.lastPaymentError = lastPaymentError
        return copy
    }
}
