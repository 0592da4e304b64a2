import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import StoreSeams
import Testing
@testable import Notifications

@Suite("Reminder scheduler: dunning (exact offsets, auto-charged invoices, pauses, business days)")
struct DunningSchedulerTests {
    /// Stores `snapshot` through the event store as an event of `kind` created at `createdAt`.
    static func ingest(_ h: SchedulerHarness, _ snapshot: InvoiceSnapshot, _ kind: InvoiceEventKind, at createdAt: Date) async throws {
        let eventId = "evt_\(snapshot.providerInvoiceId)_\(kind.rawValue)_\(Int(createdAt.timeIntervalSince1970))"
        let event = InvoiceEvent(source: "stripe", eventId: eventId, kind: kind, createdAt: createdAt, invoice: snapshot)
        let results = try await h.store.ingest([IncomingEvent(
            source: "stripe", eventId: eventId, origin: .webhook, receivedAt: h.clock.now(), headers: [:], body: [], content: .invoice(event)
        )])
        guard case .stored(_, .applied, _) = try results.first?.get() else {
            Issue.record("event not applied: \(results)")
            return
        }
    }

    static func snapshot(
        _ id: String, method: String, dueDate: Date?, attempt: Int = 0, nextAttempt: Date? = nil, status: String = "open"
    ) -> InvoiceSnapshot {
        InvoiceSnapshot(
            providerInvoiceId: id, number: "INV-\(id)", customerId: "cus_\(id)", customerName: "Jane Doe",
            customerEmail: "jane@example.com", customerPhone: "+15551234567", customerLocale: "en-US",
            currency: "usd", amountDue: 12_500, amountPaid: status == "paid" ? 12_500 : 0, amountRemaining: status == "paid" ? 0 : 12_500,
            dueDate: dueDate, providerStatus: status, hostedInvoiceURL: "https://pay.example.com/i/\(id)",
            attemptCount: attempt, collectionMethod: method, nextPaymentAttempt: nextAttempt
        )
    }

    static func configuration(steps: [ReminderStep], businessDays: BusinessDays = .everyDay, receipt: ReceiptRule = .never) -> SchedulerConfiguration {
        var configuration = SchedulerHarness.configuration()
        var policy = ReminderPolicy(steps: steps, businessTimeZone: utcZone, sendAt: (9, 0))
        policy.businessDays = businessDays
        policy.receipt = receipt
        configuration.policy = policy
        return configuration
    }

    @Test("steps +0s and +20s fire in order, and not before")
    func exactOffsets() async throws {
        let due = utc(2026, 3, 10, 14, 30)
        try await SchedulerHarness.with(now: due.addingTimeInterval(-1)) { h in
            try await Self.ingest(h, Self.snapshot("in_exact", method: CollectionMethod.sendInvoice, dueDate: due), .finalized, at: due.addingTimeInterval(-86_400))
            let scheduler = h.scheduler(configuration: Self.configuration(steps: [
                ReminderStep(name: "at-due", offset: ReminderOffset(parsing: "+0s")!, channels: [.email], kind: .dueToday),
                ReminderStep(name: "after-20s", offset: ReminderOffset(parsing: "+20s")!, channels: [.email], kind: .overdue),
            ]))
            await scheduler.runOnce()
            #expect(try await h.deliveries().isEmpty)

            h.clock.set(due)
            await scheduler.runOnce()
            #expect(try await h.deliveries().map(\.step) == ["at-due"])

            h.clock.set(due.addingTimeInterval(19))
            await scheduler.runOnce()
            #expect(try await h.deliveries().map(\.step) == ["at-due"])

            h.clock.set(due.addingTimeInterval(20))
            await scheduler.runOnce()
            let rows = try await h.deliveries()
            #expect(rows.map(\.step) == ["at-due", "after-20s"])
            #expect(rows.allSatisfy { $0.status == .sent })
            #expect(h.sendGrid.delivered().count == 2)
        }
    }

    @Test("an auto-charged invoice gets one payment-failed e-mail and SMS per failed attempt, and no due-date reminders")
    func autoChargedFailures() async throws {
        let due = SchedulerHarness.dueDate
        try await SchedulerHarness.with(now: utc(2026, 3, 1, 10)) { h in
            let auto = CollectionMethod.chargeAutomatically
            try await Self.ingest(h, Self.snapshot("in_auto", method: auto, dueDate: due), .finalized, at: utc(2026, 3, 1, 9))
            let scheduler = h.scheduler(configuration: Self.configuration(steps: ReminderPolicy.defaultSteps))

            // Before, on and after the due date: nothing, the provider is charging.
            for day in [7, 10, 11] {
                h.clock.set(utc(2026, 3, day, 10))
                await scheduler.runOnce()
            }
            #expect(try await h.deliveries().isEmpty)

            // First failure, a retry planned on the 15th.
            try await Self.ingest(h, Self.snapshot("in_auto", method: auto, dueDate: due, attempt: 1, nextAttempt: utc(2026, 3, 15, 10)), .paymentFailed, at: utc(2026, 3, 11, 10, 5))
            h.clock.set(utc(2026, 3, 11, 10, 10))
            await scheduler.runOnce()
            h.clock.advance(by: 3600)
            await scheduler.runOnce()
            // A later update of the same attempt sends nothing more.
            try await Self.ingest(h, Self.snapshot("in_auto", method: auto, dueDate: due, attempt: 1, nextAttempt: utc(2026, 3, 15, 10)), .updated, at: utc(2026, 3, 11, 12))
            h.clock.set(utc(2026, 3, 12, 10))
            await scheduler.runOnce()

            // Second failure.
            try await Self.ingest(h, Self.snapshot("in_auto", method: auto, dueDate: due, attempt: 2, nextAttempt: utc(2026, 3, 19, 10)), .paymentFailed, at: utc(2026, 3, 15, 10, 5))
            h.clock.set(utc(2026, 3, 15, 10, 10))
            await scheduler.runOnce()
            h.clock.set(utc(2026, 3, 17, 10))
            await scheduler.runOnce()

            let rows = try await h.deliveries()
            #expect(rows.map(\.step) == ["payment-failed-1", "payment-failed-1", "payment-failed-2", "payment-failed-2"])
            #expect(rows.map(\.kind) == Array(repeating: "payment_failed", count: 4))
            #expect(rows.allSatisfy { $0.status == .sent })
            #expect(h.sendGrid.delivered().count == 2)
            #expect(h.twilio.delivered().count == 2)
            let first = try #require(h.sendGrid.delivered().first)
            #expect(first.subject == "Payment for invoice INV-in_auto failed")
            #expect(first.text?.contains("We will try again on Mar 15, 2026") == true)
            #expect(first.text?.contains("https://pay.example.com/i/in_auto") == true)
        }
    }

    @Test("a paused invoice gets nothing until the pause ends, then only the latest step")
    func pausedInvoice() async throws {
        let due = SchedulerHarness.dueDate
        try await SchedulerHarness.with(now: utc(2026, 3, 1, 10)) { h in
            try await Self.ingest(h, Self.snapshot("in_pause", method: CollectionMethod.sendInvoice, dueDate: due), .finalized, at: utc(2026, 3, 1, 9))
            let paused = try await h.store.setReminderPause(invoiceId: "in_pause", until: utc(2026, 3, 18, 12), note: "customer disputes the amount", now: h.clock.now())
            #expect(paused?.remindersPausedUntil == utc(2026, 3, 18, 12))
            let scheduler = h.scheduler(configuration: Self.configuration(steps: ReminderPolicy.defaultSteps))
            for day in [7, 10, 13, 17] {
                h.clock.set(utc(2026, 3, day, 10))
                await scheduler.runOnce()
            }
            h.clock.set(utc(2026, 3, 18, 11, 59))
            await scheduler.runOnce()
            #expect(try await h.deliveries().isEmpty)

            h.clock.set(utc(2026, 3, 18, 12))
            await scheduler.runOnce()
            let rows = try await h.deliveries()
            #expect(rows.map(\.step) == ["overdue-7d", "overdue-7d"])
            #expect(rows.allSatisfy { $0.status == .sent })
        }
    }

    @Test("a queued reminder waits while its invoice is paused, and goes out when it is resumed")
    func pauseDefersQueued() async throws {
        let due = SchedulerHarness.dueDate
        try await SchedulerHarness.with(now: utc(2026, 3, 10, 9, 30)) { h in
            // New York: the due-day SMS waits for 08:00 there (12:00 UTC).
            var snapshot = Self.snapshot("in_queued", method: CollectionMethod.sendInvoice, dueDate: due)
            snapshot.customerTimeZone = "America/New_York"
            try await Self.ingest(h, snapshot, .finalized, at: utc(2026, 3, 1, 9))
            let scheduler = h.scheduler(configuration: Self.configuration(steps: ReminderPolicy.defaultSteps))
            await scheduler.runOnce()
            #expect(try await h.delivery("in_queued", .sms).status == .pending)

            _ = try await h.store.setReminderPause(invoiceId: "in_queued", until: utc(2026, 3, 10, 15), note: nil, now: h.clock.now())
            h.clock.set(utc(2026, 3, 10, 12))
            await scheduler.runOnce()
            let held = try await h.delivery("in_queued", .sms)
            #expect(held.status == .pending)
            #expect(held.nextAttemptAt == utc(2026, 3, 10, 15))
            #expect(h.twilio.requests().isEmpty)

            // Resumed early: the held SMS goes out at once, not at the old end of the pause.
            h.clock.set(utc(2026, 3, 10, 13))
            _ = try await h.store.setReminderPause(invoiceId: "in_queued", until: nil, note: nil, now: h.clock.now())
            #expect(try await h.delivery("in_queued", .sms).nextAttemptAt == utc(2026, 3, 10, 13))
            await scheduler.runOnce()
            let sent = try await h.delivery("in_queued", .sms)
            #expect(sent.status == .sent)
            #expect(sent.sentAt == utc(2026, 3, 10, 13))
        }
    }

    @Test("a Saturday step arrives on Monday at sendAt")
    func saturdayStep() async throws {
        let friday = utc(2026, 3, 6, 12)
        try await SchedulerHarness.with(now: utc(2026, 3, 7, 10)) { h in
            try await Self.ingest(h, Self.snapshot("in_weekend", method: CollectionMethod.sendInvoice, dueDate: friday), .finalized, at: utc(2026, 3, 1, 9))
            let scheduler = h.scheduler(configuration: Self.configuration(
                steps: [ReminderStep(name: "overdue-1d", offsetDays: 1, channels: [.email], kind: .overdue)], businessDays: .mondayToFriday
            ))
            for instant in [utc(2026, 3, 7, 10), utc(2026, 3, 8, 10), utc(2026, 3, 9, 8, 59)] {
                h.clock.set(instant)
                await scheduler.runOnce()
            }
            #expect(try await h.deliveries().isEmpty)

            h.clock.set(utc(2026, 3, 9, 9))
            await scheduler.runOnce()
            let rows = try await h.deliveries()
            #expect(rows.map(\.step) == ["overdue-1d"])
            #expect(rows.first?.status == .sent)
            #expect(rows.first?.sentAt == utc(2026, 3, 9, 9))
        }
    }

    @Test("a receipt follows payment once, after a reminder was sent")
    func receiptAfterReminder() async throws {
        let due = SchedulerHarness.dueDate
        try await SchedulerHarness.with(now: utc(2026, 3, 10, 10)) { h in
            let send = CollectionMethod.sendInvoice
            try await Self.ingest(h, Self.snapshot("in_receipt", method: send, dueDate: due), .finalized, at: utc(2026, 3, 1, 9))
            try await Self.ingest(h, Self.snapshot("in_quiet", method: send, dueDate: utc(2026, 4, 30, 12)), .finalized, at: utc(2026, 3, 1, 9))
            let scheduler = h.scheduler(configuration: Self.configuration(steps: ReminderPolicy.defaultSteps, receipt: .afterReminder))
            await scheduler.runOnce()
            #expect(h.sendGrid.delivered().count == 1)

            try await Self.ingest(h, Self.snapshot("in_receipt", method: send, dueDate: due, status: "paid"), .paid, at: utc(2026, 3, 10, 11))
            try await Self.ingest(h, Self.snapshot("in_quiet", method: send, dueDate: utc(2026, 4, 30, 12), status: "paid"), .paid, at: utc(2026, 3, 10, 11))
            h.clock.set(utc(2026, 3, 10, 11, 30))
            await scheduler.runOnce()
            h.clock.advance(by: 3600)
            await scheduler.runOnce()

            let receipts = try await h.deliveries().filter { $0.kind == "payment_received" }
            #expect(receipts.map(\.invoiceId) == ["in_receipt"])
            #expect(receipts.first?.status == .sent)
            #expect(h.sendGrid.delivered().last?.subject == "Payment received for invoice INV-in_receipt")
        }
    }

    @Test("an escalating step copies the escalation address and accounts receivable on its e-mail, and only that step")
    func escalationCopies() async throws {
        let due = SchedulerHarness.dueDate
        try await SchedulerHarness.with(now: utc(2026, 3, 10, 10)) { h in
            var snapshot = Self.snapshot("in_escalate", method: CollectionMethod.sendInvoice, dueDate: due)
            snapshot.escalationEmail = "boss@example.com"
            try await Self.ingest(h, snapshot, .finalized, at: utc(2026, 3, 1, 9))
            var configuration = Self.configuration(steps: [
                ReminderStep(name: "due", offsetDays: 0, channels: [.email], kind: .dueToday),
                ReminderStep(name: "final", offset: .days(14), channels: [.email], kind: .finalNotice, copyEscalationEmail: true, copyAccountsReceivable: true),
            ])
            configuration.business.arEmail = "ar@acme.test"
            let scheduler = h.scheduler(configuration: configuration)
            await scheduler.runOnce()
            h.clock.set(utc(2026, 3, 24, 10))
            await scheduler.runOnce()

            let bodies = h.sendGrid.requests().map(\.bodyText)
            #expect(bodies.count == 2)
            #expect(bodies.first?.contains("\"cc\"") == false)
            #expect(bodies.last?.contains(#""cc":[{"email":"boss@example.com"},{"email":"ar@acme.test"}]"#) == true)
        }
    }

    @Test("invoice metadata picks a named policy; an unknown name gets the default one, with a warning")
    func policySelection() async throws {
        let due = SchedulerHarness.dueDate
        try await SchedulerHarness.with(now: utc(2026, 3, 13, 10)) { h in
            let send = CollectionMethod.sendInvoice
            for (id, policy) in [("in_gentle", "gentle"), ("in_unknown", "nope"), ("in_plain", nil), ("in_default", "default")] as [(String, String?)] {
                var snapshot = Self.snapshot(id, method: send, dueDate: due)
                snapshot.reminderPolicy = policy
                try await Self.ingest(h, snapshot, .finalized, at: utc(2026, 3, 1, 9))
            }
            var configuration = Self.configuration(steps: [ReminderStep(name: "overdue-1d", offsetDays: 1, channels: [.email], kind: .overdue)])
            var gentle = ReminderPolicy(steps: [ReminderStep(name: "gentle-2d", offsetDays: 2, channels: [.email], kind: .overdue)], businessTimeZone: utcZone, sendAt: (9, 0))
            gentle.receipt = .never
            configuration.namedPolicies = ["gentle": gentle]
            let scheduler = h.scheduler(configuration: configuration)
            await scheduler.runOnce()

            let steps = Dictionary(try await h.deliveries().map { ($0.invoiceId, $0.step) }, uniquingKeysWith: { a, _ in a })
            #expect(steps == ["in_gentle": "gentle-2d", "in_unknown": "overdue-1d", "in_plain": "overdue-1d", "in_default": "overdue-1d"])
            let warnings = h.logs.all.filter { $0.level == .warning && $0.metadata["reminder_policy"] != nil }
            #expect(warnings.map { $0.metadata["reminder_policy"] } == ["nope"])
            #expect(try await h.deliveries().allSatisfy { $0.status == .sent })
        }
    }

    @Test("an e-mail due outside the send window waits until it opens in the customer's zone")
    func emailSendWindow() async throws {
        let due = SchedulerHarness.dueDate  // 2026-03-10 12:00 UTC
        try await SchedulerHarness.with(now: utc(2026, 3, 10, 9, 30)) { h in
            // New York (EDT, UTC-4): 05:30 local; the window opens at 08:00 = 12:00 UTC.
            var snapshot = Self.snapshot("in_window", method: CollectionMethod.sendInvoice, dueDate: due)
            snapshot.customerTimeZone = "America/New_York"
            try await Self.ingest(h, snapshot, .finalized, at: utc(2026, 3, 1, 9))
            var configuration = Self.configuration(steps: [ReminderStep(name: "due", offsetDays: 0, channels: [.email], kind: .dueToday)])
            configuration.emailSendWindow = SendWindow(start: (8, 0), end: (18, 0))
            let scheduler = h.scheduler(configuration: configuration)
            await scheduler.runOnce()
            let waiting = try await h.delivery("in_window", .email)
            #expect(waiting.status == .pending)
            #expect(waiting.nextAttemptAt == utc(2026, 3, 10, 12))
            #expect(h.sendGrid.requests().isEmpty)

            h.clock.set(utc(2026, 3, 10, 12))
            await scheduler.runOnce()
            #expect(try await h.delivery("in_window", .email).status == .sent)
        }
    }
}

