import Foundation
import InvoiceDomain
import Testing

/// Providers deliver at least once, in any order: every delivery order of the same events must
/// end in exactly the same stored invoice.
@Suite("InvoiceStateMachine convergence")
struct InvoiceStateMachineConvergenceTests {
    static let dueDate = Fixtures.at(30 * 86_400)

    static func snapshot(_ status: InvoiceStatus, attempt: Int, error: String? = nil) -> InvoiceSnapshot {
        var snapshot = Fixtures.snapshot(status, attemptCount: attempt, dueDate: dueDate)
        snapshot.lastPaymentError = error
        return snapshot
    }

    /// created (draft) t0 → finalized (open) t1 → payment_failed (open, attempt 1) t2 → paid t3.
    static let lifecycle: [InvoiceEvent] = [
        Fixtures.event("evt_1MtA", .created, at: Fixtures.at(0), snapshot(.draft, attempt: 0)),
        Fixtures.event("evt_1MtB", .finalized, at: Fixtures.at(60), snapshot(.open, attempt: 0)),
        Fixtures.event("evt_1MtC", .paymentFailed, at: Fixtures.at(3600), snapshot(.open, attempt: 1, error: "card_declined")),
        Fixtures.event("evt_1MtD", .paid, at: Fixtures.at(7200), snapshot(.paid, attempt: 2)),
    ]

    @Test("the permutation helper yields every ordering once")
    func permutationsAreComplete() {
        let all = Fixtures.permutations([0, 1, 2, 3])
        #expect(all.count == 24)
        #expect(Set(all.map { $0.map(String.init).joined() }).count == 24)
    }

    @Test("in-order delivery ends paid with the paid event's snapshot")
    func inOrder() {
        let result = Fixtures.replay(Self.lifecycle)
        #expect(result.rejected.isEmpty)
        #expect(result.invoice == Invoice(
            source: "stripe", snapshot: Self.snapshot(.paid, attempt: 2), status: .paid,
            lastEventAt: Fixtures.at(7200), lastEventId: "evt_1MtD"
        ))
    }

    @Test("every order of the 4-event lifecycle gives the in-order invoice", arguments: Fixtures.permutations([0, 1, 2, 3]))
    func lifecyclePermutation(_ order: [Int]) {
        let expected = Fixtures.replay(Self.lifecycle).invoice
        let result = Fixtures.replay(order.map { Self.lifecycle[$0] })
        #expect(result.rejected.isEmpty)
        #expect(result.invoice == expected)
    }

    @Test("every prefix order converges to the in-order state of the same events", arguments: Fixtures.permutations([0, 1, 2, 3]))
    func partialDeliveryConverges(_ order: [Int]) {
        // After any subset has arrived, the invoice equals in-order delivery of that subset.
        for count in 1...order.count {
            let seen = Array(order.prefix(count))
            let inOrder = Fixtures.replay(seen.sorted().map { Self.lifecycle[$0] }).invoice
            #expect(Fixtures.replay(seen.map { Self.lifecycle[$0] }).invoice == inOrder, "after \(seen)")
        }
    }

    @Test("duplicates anywhere in any order give the same invoice")
    func duplicatesConverge() {
        let expected = Fixtures.replay(Self.lifecycle).invoice
        let withDuplicates = Self.lifecycle + [Self.lifecycle[1], Self.lifecycle[3]]
        var divergent: [[String]] = []
        for order in Fixtures.permutations(Array(withDuplicates.indices)) {
            let events = order.map { withDuplicates[$0] }
            if Fixtures.replay(events).invoice != expected { divergent.append(events.map(\.eventId)) }
        }
        #expect(divergent.isEmpty, "first divergent order: \(divergent.first ?? [])")
    }

    /// Stripe sends several events in one `created` second: finalized + payment_failed, and
    /// invoice.paid + invoice.payment_succeeded + invoice.updated with one snapshot.
    static let sameSecond: [InvoiceEvent] = [
        Fixtures.event("evt_3Qa0", .created, at: Fixtures.at(0), snapshot(.draft, attempt: 0)),
        Fixtures.event("evt_3Qb7", .finalized, at: Fixtures.at(60), snapshot(.open, attempt: 0)),
        Fixtures.event("evt_3Qb2", .paymentFailed, at: Fixtures.at(60), snapshot(.open, attempt: 1, error: "card_declined")),
        Fixtures.event("evt_3Qb9", .updated, at: Fixtures.at(60), snapshot(.open, attempt: 1, error: "card_declined")),
        Fixtures.event("evt_3Qc5", .paid, at: Fixtures.at(7200), snapshot(.paid, attempt: 2)),
        Fixtures.event("evt_3Qc8", .paymentSucceeded, at: Fixtures.at(7200), snapshot(.paid, attempt: 2)),
        Fixtures.event("evt_3Qc1", .updated, at: Fixtures.at(7200), snapshot(.paid, attempt: 2)),
    ]

    @Test("events sharing one second converge in all 5040 orders")
    func sameSecondConverges() {
        let expected = Invoice(
            source: "stripe", snapshot: Self.snapshot(.paid, attempt: 2), status: .paid,
            lastEventAt: Fixtures.at(7200), lastEventId: "evt_3Qc8"
        )
        var divergent: [[String]] = []
        for order in Fixtures.permutations(Self.sameSecond) {
            if Fixtures.replay(order).invoice != expected { divergent.append(order.map(\.eventId)) }
        }
        #expect(divergent.isEmpty, "\(divergent.count) orders diverge, e.g. \(divergent.first ?? [])")
    }

    @Test("before payment, the same-second failed attempt wins over finalized in every order")
    func sameSecondBeforePayment() {
        let events = Array(Self.sameSecond.prefix(4))
        let expected = Invoice(
            source: "stripe", snapshot: Self.snapshot(.open, attempt: 1, error: "card_declined"), status: .open,
            lastEventAt: Fixtures.at(60), lastEventId: "evt_3Qb9"
        )
        let divergent = Fixtures.permutations(events).filter { Fixtures.replay($0).invoice != expected }
        #expect(divergent.isEmpty, "\(divergent.count) orders diverge, e.g. \(divergent.first?.map(\.eventId) ?? [])")
    }

    /// Two partial payments reported in the same second, then settlement.
    static let partialPayments: [InvoiceEvent] = [
        Fixtures.event("evt_5a", .finalized, at: Fixtures.at(60), snapshot(.open, attempt: 0)),
        Fixtures.event("evt_5c", .updated, at: Fixtures.at(600), {
            var s = snapshot(.open, attempt: 1); s.amountPaid = 700; s.amountRemaining = 300; return s
        }()),
        Fixtures.event("evt_5b", .updated, at: Fixtures.at(600), {
            var s = snapshot(.open, attempt: 1); s.amountPaid = 400; s.amountRemaining = 600; return s
        }()),
        Fixtures.event("evt_5d", .paymentSucceeded, at: Fixtures.at(900), snapshot(.paid, attempt: 2)),
        Fixtures.event("evt_5e", .paid, at: Fixtures.at(900), snapshot(.paid, attempt: 2)),
    ]

    @Test("partial payments in the same second converge, before and after settlement")
    func partialPaymentsConverge() {
        let beforeSettlement = Array(Self.partialPayments.prefix(3))
        for order in Fixtures.permutations(beforeSettlement) {
            let result = Fixtures.replay(order).invoice
            #expect(result?.status == .partiallyPaid)
            #expect(result?.snapshot.amountPaid == 700)
            #expect(result?.lastEventId == "evt_5c")
        }
        for order in Fixtures.permutations(Self.partialPayments) {
            let result = Fixtures.replay(order).invoice
            #expect(result?.status == .paid)
            #expect(result?.lastEventId == "evt_5e")
        }
    }
}
