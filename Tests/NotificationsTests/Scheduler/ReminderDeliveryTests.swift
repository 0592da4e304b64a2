import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Testing
@testable import Notifications

@Suite("Reminder scheduler: what is sent")
struct ReminderDeliveryTests {
    /// Seven days after the due date, past the 09:00 send time: step `overdue-7d` (email + SMS).
    static let overdue7 = utc(2026, 3, 17, 10)

    @Test("an overdue invoice gets its email and SMS with amount, number and pay link, recorded in the outbox")
    func overdueInvoiceGetsEmailAndSMS() async throws {
        try await SchedulerHarness.with(now: Self.overdue7) { h in
            try await h.addInvoice("in_1", number: "INV-1001")
            let scheduler = h.scheduler()

            let report = await scheduler.runOnce()
            #expect(report.enqueued == 2)
            #expect(report.claimed == 2)
            #expect(report.sent == 2)

            let emails = h.sendGrid.delivered()
            #expect(emails.count == 1)
            let email = try #require(emails.first)
            #expect(email.to == "jane@example.com")
            #expect(email.subject == "Overdue: invoice INV-1001 ($125.00)")
            for part in [email.text ?? "", email.html ?? ""] {
                #expect(part.contains("INV-1001"))
                #expect(part.contains("$125.00"))
                #expect(part.contains("https://pay.example.com/i/in_1"))
            }
            #expect(email.metadata["idempotency_key"] == "in_1|overdue-7d|email")

            let texts = h.twilio.delivered()
            #expect(texts.count == 1)
            let sms = try #require(texts.first)
            #expect(sms.to == "+15551234567")
            #expect(sms.text == "Acme Studio: invoice INV-1001 for $125.00 was due on Mar 10, 2026 and is unpaid. Pay here: https://pay.example.com/i/in_1")

            let emailRow = try await h.delivery("in_1", .email)
            #expect(emailRow.status == .sent)
            #expect(emailRow.step == "overdue-7d")
            #expect(emailRow.provider == "sendgrid")
            #expect(emailRow.providerMessageId == email.providerMessageId)
            #expect(emailRow.templateId == "email/overdue/en")
            #expect(emailRow.templateVersion == 1)
            #expect(emailRow.attempts == 1)
            let smsRow = try await h.delivery("in_1", .sms)
            #expect(smsRow.status == .sent)
            #expect(smsRow.provider == "twilio")
            #expect(smsRow.providerMessageId == sms.providerMessageId)
            #expect(smsRow.templateId == "sms/overdue/en")

            let attempts = try await h.store.attempts(deliveryId: emailRow.id)
            #expect(attempts.count == 1)
            #expect(attempts.first?.outcome == "sent")
            #expect(attempts.first?.httpStatus == 202)
            #expect(attempts.first?.provider == "sendgrid")
            #expect((attempts.first?.latencyMs ?? 0) > 0)

            let label = "invoice_relay_deliveries_total"
            #expect(h.metrics.counter(label, [("channel", "email"), ("provider", "sendgrid"), ("outcome", "sent")]) == 1)
            #expect(h.metrics.counter(label, [("channel", "sms"), ("provider", "twilio"), ("outcome", "sent")]) == 1)
            #expect(h.metrics.timer("invoice_relay_delivery_attempt_duration_seconds", [("provider", "sendgrid")]).count == 1)
            #expect(h.metrics.gauge("invoice_relay_circuit_state", [("provider", "sendgrid")]) == 0)

            // Nothing goes out twice on later ticks.
            h.clock.advance(by: 3600)
            let again = await scheduler.runOnce()
            #expect(again.enqueued == 0)
            #expect(again.claimed == 0)
            #expect(h.sendGrid.requests().count == 1)
            #expect(h.twilio.requests().count == 1)
        }
    }

    @Test("metric labels only carry channels, provider names and outcomes, never invoice or customer ids")
    func metricLabelsAreBounded() async throws {
        try await SchedulerHarness.with(now: Self.overdue7) { h in
            try await h.addInvoice("in_label", customerId: "cus_label")
            try await h.addInvoice("in_gone", phone: nil)
            h.sendGrid.setFaults(.failThenSucceed(count: 1, status: 500))
            await h.scheduler().runOnce()

            let allowed: Set<String> = [
                "email", "sms", "sendgrid", "postmark", "twilio", "none",
                "sent", "retry", "failed", "dead", "cancelled", "deferred", "lease_lost",
            ]
            let values = h.metrics.keys.flatMap(\.dimensions).map { String($0.split(separator: "=", maxSplits: 1).last ?? "") }
            #expect(!values.isEmpty)
            #expect(Set(values).isSubset(of: allowed), "unexpected label values: \(Set(values).subtracting(allowed))")
            #expect(h.metrics.gauge("invoice_relay_outbox_pending") != nil)
        }
    }

    @Test("a paid invoice gets no reminder; one paid after its SMS was queued gets the SMS cancelled")
    func paidInvoicesGetNothing() async throws {
        // 09:30 UTC on the due day is 05:30 in New York: quiet hours, so the SMS waits in the outbox.
        try await SchedulerHarness.with(now: utc(2026, 3, 10, 9, 30)) { h in
            try await h.addInvoice("in_paid", status: "paid")
            try await h.addInvoice("in_later", timeZone: "America/New_York")
            let scheduler = h.scheduler()

            await scheduler.runOnce()
            #expect(try await h.deliveries().filter { $0.invoiceId == "in_paid" }.isEmpty)
            #expect(h.sendGrid.delivered().map(\.metadata["idempotency_key"]) == ["in_later|due|email"])
            #expect(try await h.delivery("in_later", .sms).status == .pending)

            try await h.pay("in_later")
            h.clock.set(utc(2026, 3, 10, 12))
            await scheduler.runOnce()

            let sms = try await h.delivery("in_later", .sms)
            #expect(sms.status == .cancelled)
            #expect(sms.lastError == "invoice is paid")
            #expect(sms.attempts == 0)
            #expect(h.twilio.requests().count == 0)
            #expect(h.metrics.counter("invoice_relay_deliveries_total", [("channel", "sms"), ("provider", "none"), ("outcome", "cancelled")]) == 1)
        }
    }

    @Test("an invoice paid between claim and send is cancelled and nothing reaches the provider")
    func paidBetweenClaimAndSend() async throws {
        try await SchedulerHarness.with(now: Self.overdue7) { h in
            try await h.addInvoice("in_race", phone: nil)
            let store = InterceptingStore(base: h.store) { try await h.pay("in_race") }
            let report = await h.scheduler(store: store).runOnce()

            #expect(report.claimed == 1)
            #expect(report.sent == 0)
            #expect(store.invoiceReads == 2, "checked at pickup and again right before the call")
            #expect(h.sendGrid.requests().count == 0)
            #expect(h.postmark.requests().count == 0)
            let row = try await h.delivery("in_race", .email)
            #expect(row.status == .cancelled)
            #expect(row.lastError == "invoice is paid")
            #expect(try await h.store.attempts(deliveryId: row.id).isEmpty)
        }
    }

    @Test("templates fall back from the customer's locale to its language, then to the default locale")
    func localeFallback() async throws {
        try await SchedulerHarness.with(now: Self.overdue7) { h in
            try await h.addInvoice("in_de", amount: 1_234_567, currency: "eur", email: "de@example.com", phone: "+4915112345678", locale: "de-DE")
            try await h.addInvoice("in_fr", currency: "eur", email: "fr@example.com", phone: "+33612345678", locale: "fr-FR")
            await h.scheduler().runOnce()

            #expect(try await h.delivery("in_de", .email).templateId == "email/overdue/de")
            #expect(try await h.delivery("in_de", .sms).templateId == "sms/overdue/de")
            #expect(try await h.delivery("in_fr", .email).templateId == "email/overdue/fr")
            // No French SMS template ships: the default locale's is used.
            #expect(try await h.delivery("in_fr", .sms).templateId == "sms/overdue/en")

            let german = try #require(h.sendGrid.delivered().first { $0.to == "de@example.com" })
            #expect(german.subject == "Zahlungserinnerung: Rechnung INV-in_de (12.345,67 €)")
        }
    }

    @Test("a template that no longer renders fails the delivery with the reason, without a provider call")
    func templateProblemFailsDelivery() async throws {
        try await SchedulerHarness.with(now: Self.overdue7) { h in
            try await h.addInvoice("in_tpl", phone: nil)
            _ = try await h.store.saveTemplate(
                id: "email/overdue/en", subject: "Pay {{amount}}", html: "<p>x</p>", text: "x",
                createdBy: "test", note: nil, now: h.clock.now()
            )
            await h.scheduler().runOnce()

            let row = try await h.delivery("in_tpl", .email)
            #expect(row.status == .failed)
            #expect(row.lastError?.contains("email/overdue/en v2") == true)
            #expect(row.lastError?.contains("amount") == true)
            #expect(h.sendGrid.requests().count == 0)
        }
    }
}
