import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Testing
@testable import Notifications

@Suite("Reminder scheduler: provider failures, retries and failover")
struct DeliveryRetryTests {
    static let now = utc(2026, 3, 17, 10)

    @Test("500 three times, then success: exactly one message delivered, four attempts recorded")
    func serverErrorsThenSuccess() async throws {
        try await SchedulerHarness.with(now: Self.now) { h in
            try await h.addInvoice("in_500", phone: nil)
            h.sendGrid.setFaults(.failThenSucceed(count: 3, status: 500))
            let scheduler = h.scheduler()

            var retryGaps: [TimeInterval] = []
            for _ in 0..<6 {
                let tickAt = h.clock.now()
                await scheduler.runOnce()
                let row = try await h.delivery("in_500", .email)
                if row.status == .retryScheduled { retryGaps.append(row.nextAttemptAt.timeIntervalSince(tickAt)) }
                h.clock.advance(by: 20)  // the backoff cap: every retry is due by then
            }

            #expect(h.sendGrid.requests().count == 4)
            #expect(h.sendGrid.delivered().count == 1)
            #expect(h.postmark.requests().count == 0, "three failures stay below the circuit threshold of five")
            let row = try await h.delivery("in_500", .email)
            #expect(row.status == .sent)
            #expect(row.attempts == 4)
            let attempts = try await h.store.attempts(deliveryId: row.id)
            #expect(attempts.map(\.outcome) == ["retryable", "retryable", "retryable", "sent"])
            #expect(attempts.map(\.httpStatus) == [500, 500, 500, 202])
            #expect(attempts.map(\.attemptNumber) == [1, 2, 3, 4])
            // Full jitter: each wait lies in [0, min(cap, base * 2^(n-1))] = [0, 10], [0, 20], [0, 20].
            #expect(retryGaps.count == 3)
            for (index, gap) in retryGaps.enumerated() {
                #expect(gap >= 0 && gap <= [10.0, 20, 20][index])
            }
            #expect(h.metrics.counter("invoice_relay_delivery_retries_total", [("provider", "sendgrid")]) == 3)
        }
    }

    @Test("429 with Retry-After: the next attempt waits at least that long")
    func retryAfterHonoured() async throws {
        try await SchedulerHarness.with(now: Self.now) { h in
            try await h.addInvoice("in_429", phone: nil)
            h.sendGrid.setFaults(.rateLimited(count: 1, retryAfter: "120"))
            let scheduler = h.scheduler(configuration: SchedulerHarness.configuration(backoff: BackoffPolicy(base: 1, cap: 2, maxAttempts: 5)))
            let start = h.clock.now()

            await scheduler.runOnce()
            let waiting = try await h.delivery("in_429", .email)
            #expect(waiting.status == .retryScheduled)
            #expect(waiting.nextAttemptAt >= start.addingTimeInterval(120))
            #expect(waiting.nextAttemptAt <= start.addingTimeInterval(122))

            h.clock.advance(by: 119)
            await scheduler.runOnce()
            #expect(h.sendGrid.requests().count == 1, "not retried before Retry-After")

            h.clock.advance(by: 2)
            await scheduler.runOnce()
            #expect(h.sendGrid.requests().count == 2)
            #expect(h.sendGrid.delivered().count == 1)
            #expect(try await h.delivery("in_429", .email).status == .sent)
        }
    }

    @Test("a permanent 422 fails the delivery after one attempt and is never retried")
    func permanentFailure() async throws {
        try await SchedulerHarness.with(now: Self.now) { h in
            try await h.addInvoice("in_422", phone: nil)
            h.sendGrid.setFaults(.status(422))
            let scheduler = h.scheduler()

            await h.drain(scheduler, step: 60)
            h.clock.advance(by: 86_400)
            await scheduler.runOnce()

            #expect(h.sendGrid.requests().count == 1)
            #expect(h.postmark.requests().count == 0)
            let row = try await h.delivery("in_422", .email)
            #expect(row.status == .failed)
            #expect(row.attempts == 1)
            #expect(row.lastError?.contains("422") == true)
            #expect(try await h.store.attempts(deliveryId: row.id).map(\.outcome) == ["permanent"])
            #expect(h.metrics.counter("invoice_relay_deliveries_total", [("channel", "email"), ("provider", "sendgrid"), ("outcome", "failed")]) == 1)
        }
    }

    @Test("401 is a credentials failure: the provider's circuit opens and email fails over to Postmark at once")
    func credentialsFailOver() async throws {
        try await SchedulerHarness.with(now: Self.now) { h in
            try await h.addInvoice("in_401", phone: nil)
            let wrongKey = "SG.revoked-key-999999"
            let scheduler = h.scheduler(routes: h.routes(email: h.sendGridProvider(apiKey: wrongKey)))

            await scheduler.runOnce()
            let first = try await h.delivery("in_401", .email)
            #expect(first.status == .retryScheduled)
            #expect(first.nextAttemptAt == h.clock.now(), "with a fallback the retry is immediate")
            #expect(scheduler.router.circuitStates(now: h.clock.now())["sendgrid"] == .open)
            #expect(h.metrics.counter("invoice_relay_provider_credential_failures_total", [("provider", "sendgrid")]) == 1)
            #expect(h.metrics.gauge("invoice_relay_circuit_state", [("provider", "sendgrid")]) == 2)

            await scheduler.runOnce()
            let row = try await h.delivery("in_401", .email)
            #expect(row.status == .sent)
            #expect(row.provider == "postmark")
            #expect(row.attempts == 2)
            #expect(h.sendGrid.requests().count == 1)
            let delivered = h.postmark.delivered()
            #expect(delivered.count == 1)
            #expect(delivered.first?.metadata["idempotency_key"] == "in_401|overdue-7d|email")
            #expect(try await h.store.attempts(deliveryId: row.id).map(\.outcome) == ["credentials", "sent"])

            // Loud, but never with the credential.
            let critical = h.logs.all.filter { $0.level == .critical }
            #expect(critical.count == 1)
            #expect(!h.logs.all.contains { $0.fullText.contains(wrongKey) })
            #expect(row.lastError == nil)
        }
    }

    @Test("401 without a fallback fails the delivery, and the credential appears nowhere")
    func credentialsWithoutFallback() async throws {
        try await SchedulerHarness.with(now: Self.now) { h in
            try await h.addInvoice("in_sms401", email: nil)
            let wrongToken = "twilio-revoked-token-999999"
            let scheduler = h.scheduler(routes: h.routes(sms: h.twilioProvider(authToken: wrongToken)))

            await scheduler.runOnce()
            let row = try await h.delivery("in_sms401", .sms)
            #expect(row.status == .failed)
            #expect(row.attempts == 1)
            #expect(row.lastError?.contains("401") == true)
            #expect(row.lastError?.contains(wrongToken) == false)
            #expect(scheduler.router.circuitStates(now: h.clock.now())["twilio"] == .open)
            #expect(!h.logs.all.contains { $0.fullText.contains(wrongToken) })
            #expect(h.twilio.delivered().isEmpty)
        }
    }

    @Test("after the failure threshold the circuit opens and email goes to Postmark without touching SendGrid")
    func circuitOpensAndFailsOver() async throws {
        try await SchedulerHarness.with(now: Self.now) { h in
            try await h.addInvoice("in_cb1", phone: nil)
            h.sendGrid.setFaults(.status(500))
            var sendGrid = h.sendGridProvider()
            sendGrid.circuit = .init(failureThreshold: 2, openDuration: 300, halfOpenProbes: 1)
            let scheduler = h.scheduler(
                configuration: SchedulerHarness.configuration(backoff: BackoffPolicy(base: 1, cap: 1, maxAttempts: 8)),
                routes: h.routes(email: sendGrid)
            )

            await scheduler.runOnce()
            h.clock.advance(by: 2)
            await scheduler.runOnce()
            #expect(scheduler.router.circuitStates(now: h.clock.now())["sendgrid"] == .open)
            #expect(h.metrics.gauge("invoice_relay_circuit_state", [("provider", "sendgrid")]) == 2)

            try await h.addInvoice("in_cb2", email: "second@example.com", phone: nil)
            h.clock.advance(by: 2)
            await scheduler.runOnce()

            #expect(h.sendGrid.requests().count == 2)
            #expect(Set(h.postmark.delivered().map(\.to)) == ["jane@example.com", "second@example.com"])
            let first = try await h.delivery("in_cb1", .email)
            #expect(first.status == .sent)
            #expect(first.provider == "postmark")
            #expect(first.attempts == 3)
            #expect(try await h.delivery("in_cb2", .email).attempts == 1)
        }
    }

    @Test("with the only provider's circuit open, deliveries wait (no attempt) until it may probe again")
    func circuitOpenWithoutFallbackDefers() async throws {
        try await SchedulerHarness.with(now: Self.now) { h in
            try await h.addInvoice("in_wait", phone: nil)
            let routes = h.routes(emailFallback: false)
            let scheduler = h.scheduler(routes: routes)
            scheduler.router.trip("sendgrid", now: h.clock.now())

            await scheduler.runOnce()
            let row = try await h.delivery("in_wait", .email)
            #expect(row.status == .pending)
            #expect(row.attempts == 0)
            #expect(row.nextAttemptAt == h.clock.now().addingTimeInterval(300))
            #expect(h.sendGrid.requests().count == 0)

            h.clock.advance(by: 300)
            await scheduler.runOnce()
            #expect(try await h.delivery("in_wait", .email).status == .sent)
            #expect(scheduler.router.circuitStates(now: h.clock.now())["sendgrid"] == .closed)
        }
    }

    @Test("attempts exhausted: the delivery is dead")
    func attemptsExhausted() async throws {
        try await SchedulerHarness.with(now: Self.now) { h in
            try await h.addInvoice("in_dead", phone: nil)
            h.sendGrid.setFaults(.status(500))
            let scheduler = h.scheduler(
                configuration: SchedulerHarness.configuration(backoff: BackoffPolicy(base: 1, cap: 1, maxAttempts: 3)),
                routes: h.routes(emailFallback: false)
            )
            await h.drain(scheduler, step: 2)

            let row = try await h.delivery("in_dead", .email)
            #expect(row.status == .dead)
            #expect(row.attempts == 3)
            #expect(h.sendGrid.requests().count == 3)
        }
    }
}
