import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Testing
@testable import Notifications

@Suite("Reminder scheduler: timing, catch-up, quiet hours and opt-out")
struct ReminderTimingTests {
    @Test("after downtime only the latest due step is sent, once; the next step still follows on its day")
    func missedStepsCatchUp() async throws {
        // Ten days overdue at the first tick: before-3d, due and overdue-3d were missed; overdue-7d is current.
        try await SchedulerHarness.with(now: utc(2026, 3, 20, 10)) { h in
            try await h.addInvoice("in_late")
            let scheduler = h.scheduler()

            await scheduler.runOnce()
            h.clock.advance(by: 3600)
            await scheduler.runOnce()

            let rows = try await h.deliveries()
            #expect(rows.map(\.step) == ["overdue-7d", "overdue-7d"])
            #expect(rows.allSatisfy { $0.status == .sent })
            #expect(h.sendGrid.delivered().map(\.subject) == ["Overdue: invoice INV-in_late ($125.00)"])
            #expect(h.twilio.delivered().count == 1)

            // Day 14 at the send time: the final notice, and nothing else.
            h.clock.set(utc(2026, 3, 24, 9))
            await scheduler.runOnce()
            let steps = try await h.deliveries().map(\.step)
            #expect(steps.sorted() == ["overdue-14d", "overdue-14d", "overdue-7d", "overdue-7d"])
            #expect(h.sendGrid.delivered().count == 2)
            #expect(h.twilio.delivered().count == 2)
        }
    }

    @Test("a queued reminder of an earlier step is cancelled when a later step becomes due first")
    func laterStepSupersedesQueuedOne() async throws {
        // 05:30 in New York on the due day: the `due` SMS waits for 08:00 there; then overdue-3d (email only) comes due.
        try await SchedulerHarness.with(now: utc(2026, 3, 10, 9, 30)) { h in
            try await h.addInvoice("in_stale", timeZone: "America/New_York")
            let scheduler = h.scheduler()
            await scheduler.runOnce()
            #expect(try await h.delivery("in_stale", .sms).status == .pending)

            // Down until three days later: the queued "due today" SMS must not go out now.
            h.clock.set(utc(2026, 3, 13, 13))
            await scheduler.runOnce()
            let sms = try await h.delivery("in_stale", .sms)
            #expect(sms.status == .cancelled)
            #expect(sms.lastError == "superseded by step overdue-3d")
            #expect(h.twilio.requests().count == 0)
            #expect(try await h.delivery("in_stale", .email).step == "overdue-3d")
        }
    }

    @Test("an SMS due during quiet hours waits until the morning in the customer's time zone")
    func quietHoursDeferSMS() async throws {
        // 09:30 UTC on the due day is 05:30 in New York (EDT): email now, SMS at 08:00 EDT = 12:00 UTC.
        try await SchedulerHarness.with(now: utc(2026, 3, 10, 9, 30)) { h in
            try await h.addInvoice("in_night", timeZone: "America/New_York")
            let scheduler = h.scheduler()

            await scheduler.runOnce()
            #expect(h.sendGrid.delivered().count == 1)
            #expect(h.twilio.requests().count == 0)
            let waiting = try await h.delivery("in_night", .sms)
            #expect(waiting.status == .pending)
            #expect(waiting.nextAttemptAt == utc(2026, 3, 10, 12))

            h.clock.set(utc(2026, 3, 10, 11, 59))
            await scheduler.runOnce()
            #expect(h.twilio.requests().count == 0)

            h.clock.set(utc(2026, 3, 10, 12))
            await scheduler.runOnce()
            #expect(h.twilio.delivered().count == 1)
            #expect(try await h.delivery("in_night", .sms).status == .sent)
        }
    }

    @Test("a claimed SMS that reaches quiet hours is deferred to the morning without an attempt")
    func claimedSMSInQuietHoursIsDeferred() async throws {
        try await SchedulerHarness.with(now: utc(2026, 3, 10, 20)) { h in
            try await h.addInvoice("in_retry", email: nil, timeZone: "Europe/Berlin")
            h.twilio.setFaults(.failThenSucceed(count: 1, status: 500))
            let scheduler = h.scheduler()

            // 20:00 UTC = 21:00 Berlin: already quiet, the planner queues it for 08:00 Berlin (07:00 UTC).
            await scheduler.runOnce()
            #expect(try await h.delivery("in_retry", .sms).nextAttemptAt == utc(2026, 3, 11, 7))

            // Morning: the first attempt fails and is retried within seconds...
            h.clock.set(utc(2026, 3, 11, 7))
            await scheduler.runOnce()
            #expect(try await h.delivery("in_retry", .sms).status == .retryScheduled)
            // ...but the worker only gets to it in the evening, inside quiet hours again.
            h.clock.set(utc(2026, 3, 11, 21))
            await scheduler.runOnce()
            let row = try await h.delivery("in_retry", .sms)
            #expect(row.status == .pending)
            #expect(row.attempts == 1)
            #expect(row.nextAttemptAt == utc(2026, 3, 12, 7))
            #expect(h.twilio.requests().count == 1)
        }
    }

    @Test("opt-out per channel: no reminder is queued, and a queued one is cancelled")
    func optOutRespected() async throws {
        try await SchedulerHarness.with(now: utc(2026, 3, 10, 9, 30)) { h in
            try await h.addInvoice("in_a", customerId: "cus_a", email: "a@example.com", phone: "+15550000001", timeZone: "America/New_York")
            try await h.addInvoice("in_b", customerId: "cus_b", email: "b@example.com", phone: "+15550000002", timeZone: "America/New_York")
            try await h.store.setOptOut(customerId: "cus_a", channel: .sms, optedOut: true, now: h.clock.now())
            try await h.store.setOptOut(customerId: "cus_a", channel: .email, optedOut: true, now: h.clock.now())
            let scheduler = h.scheduler()

            await scheduler.runOnce()
            #expect(try await h.deliveries().filter { $0.invoiceId == "in_a" }.isEmpty)
            #expect(h.sendGrid.delivered().map(\.to) == ["b@example.com"])
            #expect(try await h.delivery("in_b", .sms).status == .pending)

            try await h.store.setOptOut(customerId: "cus_b", channel: .sms, optedOut: true, now: h.clock.now())
            h.clock.set(utc(2026, 3, 10, 12))
            await scheduler.runOnce()
            let sms = try await h.delivery("in_b", .sms)
            #expect(sms.status == .cancelled)
            #expect(sms.lastError == "customer opted out of sms")
            #expect(h.twilio.requests().count == 0)
        }
    }

    @Test("invoices without a usable address for a channel get only the other channel")
    func invalidRecipientsSkipped() async throws {
        try await SchedulerHarness.with(now: utc(2026, 3, 17, 10)) { h in
            try await h.addInvoice("in_nophone", phone: "555-0100")
            try await h.addInvoice("in_nomail", email: "not-an-address", phone: "+15550000003")
            await h.scheduler().runOnce()

            let rows = try await h.deliveries()
            #expect(Set(rows.map { "\($0.invoiceId)/\($0.channel.rawValue)" }) == ["in_nophone/email", "in_nomail/sms"])
            #expect(rows.allSatisfy { $0.status == .sent })
        }
    }
}
