import Foundation
import InvoiceDomain
import Testing

@Suite("InvoiceStateMachine rules")
struct InvoiceStateMachineTests {
    // MARK: - First event, unknown status

    @Test("the first event for an invoice always applies", arguments: InvoiceStatus.allCases)
    func firstEventApplies(_ status: InvoiceStatus) {
        let event = Fixtures.event("evt_1", .updated, at: Fixtures.at(5), Fixtures.snapshot(status))
        #expect(InvoiceStateMachine.decide(event, current: nil) == .apply(Invoice(
            source: "stripe", snapshot: event.invoice, status: status, lastEventAt: Fixtures.at(5), lastEventId: "evt_1"
        )))
    }

    @Test("an unknown provider status is rejected, never applied or skipped", arguments: ["deleted", "", "OPEN", "open "])
    func unknownStatusRejected(_ providerStatus: String) {
        let event = Fixtures.event("evt_x", .updated, at: Fixtures.at(10), Fixtures.raw(providerStatus))
        for current in [nil, Fixtures.invoice(.open, at: Fixtures.at(0)), Fixtures.invoice(.paid, at: Fixtures.at(20))] {
            guard case .reject(let reason) = InvoiceStateMachine.decide(event, current: current) else {
                Issue.record("expected reject for '\(providerStatus)' over \(String(describing: current?.status))")
                continue
            }
            #expect(reason.contains("unknown invoice status"))
        }
    }

    @Test("partially paid is derived from the event's amounts")
    func partiallyPaidDerived() throws {
        let current = Fixtures.invoice(.open, at: Fixtures.at(0))
        let event = Fixtures.event("evt_p", .updated, at: Fixtures.at(1), Fixtures.raw("open", amountDue: 1000, amountPaid: 250))
        guard case .apply(let next) = InvoiceStateMachine.decide(event, current: current) else {
            Issue.record("expected apply")
            return
        }
        #expect(next.status == .partiallyPaid)
        #expect(next.snapshot.amountRemaining == 750)
        #expect(next.isRemindable)
    }

    // MARK: - Stale

    @Test("an event older than the last applied one is skipped, whatever its status", arguments: InvoiceStatus.allCases, InvoiceStatus.allCases)
    func staleSkipped(_ currentStatus: InvoiceStatus, _ eventStatus: InvoiceStatus) {
        let current = Fixtures.invoice(currentStatus, at: Fixtures.at(100))
        for age in [1, 3600] {
            let event = Fixtures.event("evt_old", .updated, at: Fixtures.at(100 - age), Fixtures.snapshot(eventStatus, attemptCount: 9))
            guard case .skip(let reason) = InvoiceStateMachine.decide(event, current: current) else {
                Issue.record("stale event applied")
                continue
            }
            #expect(reason.contains("stale"))
        }
    }

    // MARK: - Same second

    struct Tie: Sendable, CustomTestStringConvertible {
        var name: String
        var current: InvoiceSnapshot
        var currentId: String
        var incoming: InvoiceSnapshot
        var incomingId: String
        var applies: Bool
        var testDescription: String { name }
    }

    static let ties: [Tie] = [
        Tie(name: "higher progress wins: open over draft", current: Fixtures.snapshot(.draft), currentId: "evt_b",
            incoming: Fixtures.snapshot(.open), incomingId: "evt_a", applies: true),
        Tie(name: "lower progress loses: draft after open", current: Fixtures.snapshot(.open), currentId: "evt_a",
            incoming: Fixtures.snapshot(.draft), incomingId: "evt_b", applies: false),
        Tie(name: "paid over open", current: Fixtures.snapshot(.open, attemptCount: 3), currentId: "evt_z",
            incoming: Fixtures.snapshot(.paid, attemptCount: 0), incomingId: "evt_a", applies: true),
        Tie(name: "open after paid loses", current: Fixtures.snapshot(.paid), currentId: "evt_a",
            incoming: Fixtures.snapshot(.open, attemptCount: 5), incomingId: "evt_z", applies: false),
        Tie(name: "partially paid over open", current: Fixtures.snapshot(.open, attemptCount: 2), currentId: "evt_z",
            incoming: Fixtures.snapshot(.partiallyPaid), incomingId: "evt_a", applies: true),
        Tie(name: "uncollectible over partially paid", current: Fixtures.snapshot(.partiallyPaid), currentId: "evt_z",
            incoming: Fixtures.snapshot(.uncollectible), incomingId: "evt_a", applies: true),
        Tie(name: "partially paid after uncollectible loses", current: Fixtures.snapshot(.uncollectible), currentId: "evt_a",
            incoming: Fixtures.snapshot(.partiallyPaid), incomingId: "evt_z", applies: false),
        Tie(name: "more paid wins", current: Fixtures.raw("open", amountPaid: 400), currentId: "evt_z",
            incoming: Fixtures.raw("open", amountPaid: 600), incomingId: "evt_a", applies: true),
        Tie(name: "less paid loses", current: Fixtures.raw("open", amountPaid: 600), currentId: "evt_a",
            incoming: Fixtures.raw("open", amountPaid: 400), incomingId: "evt_z", applies: false),
        Tie(name: "higher attempt wins", current: Fixtures.snapshot(.open, attemptCount: 1), currentId: "evt_z",
            incoming: Fixtures.snapshot(.open, attemptCount: 2), incomingId: "evt_a", applies: true),
        Tie(name: "lower attempt loses", current: Fixtures.snapshot(.open, attemptCount: 2), currentId: "evt_a",
            incoming: Fixtures.snapshot(.open, attemptCount: 1), incomingId: "evt_z", applies: false),
        Tie(name: "all equal: greater event id wins", current: Fixtures.snapshot(.paid), currentId: "evt_a",
            incoming: Fixtures.snapshot(.paid), incomingId: "evt_b", applies: true),
        Tie(name: "all equal: smaller event id loses", current: Fixtures.snapshot(.paid), currentId: "evt_b",
            incoming: Fixtures.snapshot(.paid), incomingId: "evt_a", applies: false),
        Tie(name: "all equal, same event id (redelivery) applies", current: Fixtures.snapshot(.open), currentId: "evt_a",
            incoming: Fixtures.snapshot(.open), incomingId: "evt_a", applies: true),
    ]

    /// Paid and void in one second cannot both come from Stripe; each is final, so the first to
    /// arrive stays (the one same-second pair whose outcome depends on arrival order).
    @Test("paid and void in the same second: the first to arrive stays")
    func paidAndVoidSameSecond() {
        let paid = Fixtures.event("evt_a", .paid, at: Fixtures.at(7), Fixtures.snapshot(.paid))
        let void = Fixtures.event("evt_z", .voided, at: Fixtures.at(7), Fixtures.snapshot(.void))
        #expect(Fixtures.replay([paid, void]).invoice?.status == .paid)
        #expect(Fixtures.replay([void, paid]).invoice?.status == .void)
    }

    @Test("same-second tie rules", arguments: ties)
    func sameSecond(_ tie: Tie) throws {
        let status = try #require(InvoiceStatus.derive(
            providerStatus: tie.current.providerStatus, amountDue: tie.current.amountDue, amountPaid: tie.current.amountPaid
        ))
        let current = Invoice(source: "stripe", snapshot: tie.current, status: status, lastEventAt: Fixtures.at(7), lastEventId: tie.currentId)
        let event = Fixtures.event(tie.incomingId, .updated, at: Fixtures.at(7), tie.incoming)
        let decision = InvoiceStateMachine.decide(event, current: current)
        if tie.applies {
            guard case .apply(let next) = decision else {
                Issue.record("expected apply, got \(decision)")
                return
            }
            #expect(next.lastEventId == tie.incomingId)
            #expect(next.snapshot == tie.incoming)
        } else {
            guard case .skip = decision else {
                Issue.record("expected skip, got \(decision)")
                return
            }
        }
    }

    @Test("the same-second tie is decided the same whichever event arrives first", arguments: ties)
    func tieIsOrderIndependent(_ tie: Tie) {
        let first = Fixtures.event(tie.currentId, .updated, at: Fixtures.at(7), tie.current)
        let second = Fixtures.event(tie.incomingId, .updated, at: Fixtures.at(7), tie.incoming)
        let forward = Fixtures.replay([first, second]).invoice
        let backward = Fixtures.replay([second, first]).invoice
        #expect(forward == backward)
    }

    // MARK: - Terminal

    @Test("paid and void are never undone by later events", arguments: [InvoiceStatus.paid, .void])
    func terminalNeverUndone(_ terminal: InvoiceStatus) {
        let kind: InvoiceEventKind = terminal == .paid ? .paid : .voided
        let settle = Fixtures.event("evt_settle", kind, at: Fixtures.at(30), Fixtures.snapshot(terminal))
        let settled = Fixtures.replay([settle]).invoice
        let laterEvents: [InvoiceEvent] = [
            Fixtures.event("evt_u", .updated, at: Fixtures.at(31), Fixtures.snapshot(.open, attemptCount: 4)),
            Fixtures.event("evt_f", .finalized, at: Fixtures.at(32), Fixtures.snapshot(.open)),
            Fixtures.event("evt_pf", .paymentFailed, at: Fixtures.at(33), Fixtures.snapshot(.open, attemptCount: 5)),
            Fixtures.event("evt_pp", .updated, at: Fixtures.at(34), Fixtures.snapshot(.partiallyPaid)),
            Fixtures.event("evt_d", .created, at: Fixtures.at(35), Fixtures.snapshot(.draft)),
            Fixtures.event("evt_unc", .markedUncollectible, at: Fixtures.at(36), Fixtures.snapshot(.uncollectible)),
            Fixtures.event("evt_other", terminal == .paid ? .voided : .paid, at: Fixtures.at(37),
                           Fixtures.snapshot(terminal == .paid ? .void : .paid)),
        ]
        for later in laterEvents {
            let decision = InvoiceStateMachine.decide(later, current: settled)
            guard case .skip(let reason) = decision else {
                Issue.record("\(later.eventId) over \(terminal): expected skip, got \(decision)")
                continue
            }
            #expect(reason.contains("not allowed"))
            #expect(Fixtures.replay([settle, later]).invoice == settled, "\(later.eventId) changed a \(terminal) invoice")
        }
        #expect(Fixtures.replay([settle] + laterEvents).invoice?.status == terminal)
    }

    @Test("a later event in the same terminal state refreshes the snapshot")
    func terminalRefresh() {
        let paid = Fixtures.event("evt_paid", .paid, at: Fixtures.at(30), Fixtures.snapshot(.paid))
        var refreshed = Fixtures.snapshot(.paid)
        refreshed.customerEmail = "billing@example.com"
        let update = Fixtures.event("evt_upd", .updated, at: Fixtures.at(40), refreshed)
        let result = Fixtures.replay([paid, update]).invoice
        #expect(result?.status == .paid)
        #expect(result?.snapshot.customerEmail == "billing@example.com")
        #expect(result?.lastEventId == "evt_upd")
    }

    // MARK: - Duplicates

    @Test("applying the same event twice gives the same invoice", arguments: InvoiceStatus.allCases, InvoiceStatus.allCases)
    func duplicateIsIdempotent(_ from: InvoiceStatus, _ to: InvoiceStatus) {
        let current = Fixtures.invoice(from, at: Fixtures.at(0))
        let event = Fixtures.event("evt_dup", .updated, at: Fixtures.at(1), Fixtures.snapshot(to))
        let once = Fixtures.replay([event], from: current).invoice
        let twice = Fixtures.replay([event, event], from: current).invoice
        #expect(once == twice)
        let decision = InvoiceStateMachine.decide(event, current: once)
        switch decision {
        case .apply(let again): #expect(again == once)
        case .skip: #expect(!from.canMove(to: to))
        case .reject: Issue.record("a duplicate was rejected")
        }
    }
}
