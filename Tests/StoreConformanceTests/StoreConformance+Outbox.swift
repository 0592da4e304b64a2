import Foundation
import InvoiceDomain
import StoreSeams
import Testing

// MARK: - ReminderPlanningStore, OutboxQueue and OutboxAdministration

extension StoreConformance {
    /// Stores an open invoice (due in three days) for each id.
    private func invoices(_ ids: [String], in store: some IngestStore) async throws {
        for id in ids { _ = try await store.ingest(Fixture.event("evt_\(id)", invoice: id)) }
    }

    /// Claims every due delivery for `owner` and completes each with `transition`.
    private func claimAndComplete(
        _ store: some OutboxQueue, owner: String, transition: DeliveryTransition
    ) async throws -> [Delivery] {
        let claimed = try await store.claimDue(now: Fixture.now, limit: 100, owner: owner, lease: 60)
        let results = try await store.completeAll(claimed.map {
            DeliveryCompletion(deliveryId: $0.id, owner: owner, attempt: nil, transition: transition, now: Fixture.now)
        })
        #expect(try results.map { try $0.get() } == Array(repeating: true, count: claimed.count))
        return claimed
    }

    @Test(arguments: Backend.available)
    func enqueueNeverMakesTwoRowsForOneReminder(backend: Backend) async throws {
        try await backend.withStore { store in
            try await invoices(["in_1"], in: store)
            let reminder = Fixture.reminder("in_1")

            #expect(try await store.enqueue([reminder, reminder], now: Fixture.now) == 1)
            #expect(try await store.enqueue([reminder], now: Fixture.now) == 0)
            let concurrent = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<10 { group.addTask { try await store.enqueue([Fixture.reminder("in_1", channel: .sms)], now: Fixture.now) } }
                return try await group.reduce(0, +)
            }
            #expect(concurrent == 1)

            let rows = try await store.deliveries(matching: DeliveryFilter(invoiceId: "in_1"), limit: 10, before: nil)
            #expect(rows.count == 2)
            #expect(Set(rows.map(\.idempotencyKey)) == ["in_1|due_in_3d|email", "in_1|due_in_3d|sms"])
            #expect(rows.allSatisfy { $0.status == .pending })
        }
    }

    @Test(arguments: Backend.available)
    func aLaterStepCancelsTheQueuedEarlierOne(backend: Backend) async throws {
        try await backend.withStore { store in
            try await invoices(["in_1"], in: store)
            _ = try await store.enqueue([Fixture.reminder("in_1", step: "due_in_3d")], now: Fixture.now)
            _ = try await store.enqueue([Fixture.reminder("in_1", step: "overdue_1d")], now: Fixture.now)

            let rows = try await store.deliveries(matching: DeliveryFilter(invoiceId: "in_1"), limit: 10, before: nil)
            #expect(rows.first { $0.step == "due_in_3d" }?.status == .cancelled)
            #expect(rows.first { $0.step == "overdue_1d" }?.status == .pending)
        }
    }

    @Test(arguments: Backend.available)
    func twoClaimersNeverGetTheSameRow(backend: Backend) async throws {
        try await backend.withStore { store in
            let ids = (0..<50).map { "in_\($0)" }
            try await invoices(ids, in: store)
            #expect(try await store.enqueue(ids.map { Fixture.reminder($0) }, now: Fixture.now) == 50)

            let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for owner in ["a", "b"] {
                    group.addTask {
                        var mine: [Int64] = []
                        while true {
                            let batch = try await store.claimDue(now: Fixture.now, limit: 7, owner: owner, lease: 60)
                            if batch.isEmpty { return mine }
                            #expect(batch.allSatisfy { $0.leaseOwner == owner && $0.status == .sending })
                            mine += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [[Int64]]()) { $0.append($1) }
            }
            let all = claims.flatMap { $0 }
            #expect(all.count == 50)
            #expect(Set(all).count == 50, "no row was handed to both claimers")
        }
    }

    @Test(arguments: Backend.available)
    func anExpiredLeaseIsClaimableAgainAndTheOldOwnerCannotComplete(backend: Backend) async throws {
        try await backend.withStore { store in
            try await invoices(["in_1"], in: store)
            _ = try await store.enqueue([Fixture.reminder("in_1")], now: Fixture.now)
            let first = try await store.claimDue(now: Fixture.now, limit: 10, owner: "a", lease: 30)
            #expect(first.count == 1)

            #expect(try await store.claimDue(now: Fixture.now.addingTimeInterval(29), limit: 10, owner: "b", lease: 30).isEmpty)
            let second = try await store.claimDue(now: Fixture.now.addingTimeInterval(31), limit: 10, owner: "b", lease: 30)
            #expect(second.map(\.id) == first.map(\.id))

            let late = DeliveryCompletion(deliveryId: first[0].id, owner: "a", attempt: nil, transition: .failed(error: "late"), now: Fixture.now.addingTimeInterval(32))
            let held = DeliveryCompletion(
                deliveryId: first[0].id, owner: "b",
                attempt: DeliveryAttempt(deliveryId: first[0].id, attemptNumber: 1, startedAt: Fixture.now.addingTimeInterval(32), provider: "sendgrid",
                                         httpStatus: 202, outcome: "sent", error: nil, latencyMs: 12),
                transition: .sent(provider: "sendgrid", messageId: "msg_1", templateId: "email/before_due/en", templateVersion: 1),
                now: Fixture.now.addingTimeInterval(33)
            )
            let results = try await store.completeAll([late, held])
            #expect(try results.map { try $0.get() } == [false, true], "the lost lease writes nothing; the holder's result is kept")

            let stored = try #require(try await store.delivery(id: first[0].id))
            #expect(stored.status == .sent)
            #expect(stored.providerMessageId == "msg_1")
            #expect(try await store.attempts(deliveryId: first[0].id).map(\.outcome) == ["sent"])
        }
    }

    @Test(arguments: Backend.available)
    func releasedLeasesAreClaimableAtOnce(backend: Backend) async throws {
        try await backend.withStore { store in
            try await invoices(["in_1", "in_2"], in: store)
            _ = try await store.enqueue([Fixture.reminder("in_1"), Fixture.reminder("in_2")], now: Fixture.now)
            #expect(try await store.claimDue(now: Fixture.now, limit: 10, owner: "a", lease: 600).count == 2)
            #expect(try await store.outboxStats(now: Fixture.now).sending == 2)

            #expect(try await store.releaseLeases(owner: "b", now: Fixture.now) == 0)
            #expect(try await store.releaseLeases(owner: "a", now: Fixture.now) == 2)
            let stats = try await store.outboxStats(now: Fixture.now)
            #expect(stats.pending == 2)
            #expect(stats.sending == 0)
            #expect(try await store.claimDue(now: Fixture.now, limit: 10, owner: "b", lease: 600).count == 2)
        }
    }

    @Test(arguments: Backend.available)
    func notYetDueRowsAreNotClaimed(backend: Backend) async throws {
        try await backend.withStore { store in
            try await invoices(["in_1"], in: store)
            _ = try await store.enqueue([Fixture.reminder("in_1", notBefore: Fixture.now.addingTimeInterval(3_600))], now: Fixture.now)

            #expect(try await store.claimDue(now: Fixture.now, limit: 10, owner: "a", lease: 60).isEmpty)
            #expect(try await store.claimDue(now: Fixture.now.addingTimeInterval(3_600), limit: 10, owner: "a", lease: 60).count == 1)
        }
    }

    @Test(arguments: [DeliveryTransition.failed(error: "bounced"), .dead(error: "gave up"), .cancelled(reason: "opted out")], Backend.available)
    func aFinishedUnsentDeliveryIsRequeuedByReplay(transition: DeliveryTransition, backend: Backend) async throws {
        try await backend.withStore { store in
            try await invoices(["in_1"], in: store)
            _ = try await store.enqueue([Fixture.reminder("in_1")], now: Fixture.now)
            let delivery = try #require(try await claimAndComplete(store, owner: "a", transition: transition).first)

            let replayed = try await store.replay(id: delivery.id, force: false, now: Fixture.now.addingTimeInterval(5))
            #expect(replayed.status == .pending)
            #expect(replayed.idempotencyKey == delivery.idempotencyKey)
            #expect(replayed.resendCount == 0)
            #expect(try await store.claimDue(now: Fixture.now.addingTimeInterval(5), limit: 10, owner: "b", lease: 60).map(\.id) == [delivery.id])
        }
    }

    @Test(arguments: Backend.available)
    func aSentDeliveryIsReplayedOnlyWithForce(backend: Backend) async throws {
        try await backend.withStore { store in
            try await invoices(["in_1"], in: store)
            _ = try await store.enqueue([Fixture.reminder("in_1")], now: Fixture.now)
            let sent = DeliveryTransition.sent(provider: "sendgrid", messageId: nil, templateId: "email/before_due/en", templateVersion: 1)
            let delivery = try #require(try await claimAndComplete(store, owner: "a", transition: sent).first)

            let refused = await #expect(throws: StoreError.self) { try await store.replay(id: delivery.id, force: false, now: Fixture.now) }
            #expect(refused?.isConflict == true)
            #expect(try await store.delivery(id: delivery.id)?.status == .sent)

            let forced = try await store.replay(id: delivery.id, force: true, now: Fixture.now)
            #expect(forced.status == .pending)
            #expect(forced.resendCount == 1)

            let queued = await #expect(throws: StoreError.self) { try await store.replay(id: delivery.id, force: true, now: Fixture.now) }
            #expect(queued?.isConflict == true, "a queued delivery is not replayed again")
            let missing = await #expect(throws: StoreError.self) { try await store.replay(id: 999_999, force: true, now: Fixture.now) }
            #expect(missing?.isNotFound == true)
        }
    }

    @Test(arguments: Backend.available)
    func replayAllRequeuesOnlyFailedAndDeadMatches(backend: Backend) async throws {
        try await backend.withStore { store in
            try await invoices(["in_1", "in_2", "in_3"], in: store)
            _ = try await store.enqueue([Fixture.reminder("in_1"), Fixture.reminder("in_2")], now: Fixture.now)
            _ = try await claimAndComplete(store, owner: "a", transition: .failed(error: "bounced"))
            _ = try await store.enqueue([Fixture.reminder("in_3")], now: Fixture.now)
            _ = try await claimAndComplete(store, owner: "a", transition: .cancelled(reason: "paid"))

            #expect(try await store.replayAll(matching: DeliveryFilter(invoiceId: "in_1"), now: Fixture.now) == 1)
            #expect(try await store.replayAll(matching: DeliveryFilter(), now: Fixture.now) == 1, "in_2 only: in_1 is queued, in_3 cancelled")
            #expect(try await store.deliveries(matching: DeliveryFilter(status: .pending), limit: 10, before: nil).count == 2)
            #expect(try await store.deliveries(matching: DeliveryFilter(status: .cancelled), limit: 10, before: nil).map(\.invoiceId) == ["in_3"])
        }
    }

    @Test(arguments: Backend.available)
    func deliveryChecksReadTheInvoiceTheOptOutAndTheRow(backend: Backend) async throws {
        try await backend.withStore { store in
            try await invoices(["in_1"], in: store)
            _ = try await store.enqueue([Fixture.reminder("in_1", channel: .sms), Fixture.reminder("in_missing")], now: Fixture.now)
            try await store.setOptOut(customerId: "cus_1", channel: .sms, optedOut: true, now: Fixture.now)
            let claimed = try await store.claimDue(now: Fixture.now, limit: 10, owner: "a", lease: 60)
            let sms = try #require(claimed.first { $0.invoiceId == "in_1" })

            let check = try await store.deliveryCheck(invoiceId: "in_1", channel: .sms, deliveryId: sms.id)
            #expect(check.invoice?.id == "in_1")
            #expect(check.optedOut)
            #expect(check.delivery?.id == sms.id)
            #expect(try await store.deliveryCheck(invoiceId: "in_1", channel: .email, deliveryId: nil) == DeliveryCheck(invoice: check.invoice, optedOut: false, delivery: nil))

            let pickups = try await store.pickupChecks(claimed)
            #expect(Set(pickups.keys) == Set(claimed.map(\.id)))
            #expect(pickups[sms.id]?.optedOut == true)
            #expect(pickups[sms.id]?.delivery == nil)
            #expect(pickups.values.contains { $0.invoice == nil }, "a missing invoice reads as nil")
        }
    }

    @Test(arguments: Backend.available)
    func optOutsMatchThePerCustomerAnswer(backend: Backend) async throws {
        try await backend.withStore { store in
            // 1,200 customers (more than one chunk of a SQL IN list); every third opts out of SMS, every fifth of
            // e-mail, every seventh opted out of e-mail and back in.
            let customers = (0..<1_200).map { "cus_\($0)" }
            for (index, customer) in customers.enumerated() {
                if index % 3 == 0 { try await store.setOptOut(customerId: customer, channel: .sms, optedOut: true, now: Fixture.now) }
                if index % 5 == 0 { try await store.setOptOut(customerId: customer, channel: .email, optedOut: true, now: Fixture.now) }
                if index % 7 == 0 {
                    try await store.setOptOut(customerId: customer, channel: .email, optedOut: true, now: Fixture.now)
                    try await store.setOptOut(customerId: customer, channel: .email, optedOut: false, now: Fixture.now)
                }
            }
            let optOuts = try await store.optOuts(customerIds: Set(customers + ["cus_unknown"]))
            for (index, customer) in customers.enumerated() {
                let email = index % 5 == 0 && index % 7 != 0
                for (channel, expected) in [(Channel.email, email), (.sms, index % 3 == 0)] {
                    #expect(try await store.isOptedOut(customerId: customer, channel: channel) == expected, "\(customer) \(channel)")
                    #expect((optOuts[customer] ?? []).contains(channel) == expected, "\(customer) \(channel)")
                }
            }
            #expect(optOuts["cus_unknown"] == nil)
            #expect(try await store.optOuts(customerIds: []).isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func remindableInvoicesAreOpenDueAndPaged(backend: Backend) async throws {
        try await backend.withStore { store in
            try await invoices(["in_a", "in_b", "in_c"], in: store)
            _ = try await store.ingest(Fixture.paid("evt_paid_b", invoice: "in_b", createdAt: Fixture.now.addingTimeInterval(10)))
            _ = try await store.ingest(Fixture.event("evt_late", invoice: "in_late", snapshot: Fixture.snapshot("in_late", dueDate: Fixture.dueDate.addingTimeInterval(86_400))))
            _ = try await store.ingest(Fixture.event("evt_none", invoice: "in_none", snapshot: Fixture.snapshot("in_none", dueDate: nil)))

            let horizon = Fixture.dueDate.addingTimeInterval(1)
            #expect(try await store.remindableInvoices(dueBefore: horizon, limit: 10, after: nil).map(\.id) == ["in_a", "in_c"])
            #expect(try await store.remindableInvoices(dueBefore: horizon, limit: 1, after: nil).map(\.id) == ["in_a"])
            #expect(try await store.remindableInvoices(dueBefore: horizon, limit: 10, after: "in_a").map(\.id) == ["in_c"])
        }
    }
}
