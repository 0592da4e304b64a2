import InvoiceDomain
import Testing

@Suite("InvoiceStatus")
struct InvoiceStatusTests {
    struct Move: Sendable, CustomTestStringConvertible {
        var from: InvoiceStatus
        var to: InvoiceStatus
        var allowed: Bool
        var testDescription: String { "\(from.rawValue) -> \(to.rawValue): \(allowed)" }
    }

    /// The full 6 × 6 lifecycle table, written out so a change to `canMove` has to change it too.
    static let moves: [Move] = {
        let order: [InvoiceStatus] = [.draft, .open, .partiallyPaid, .paid, .void, .uncollectible]
        let table: [[Bool]] = [
            // to:   draft  open   partial paid   void   uncoll
            /*draft*/ [true, true, true, true, true, true],
            /*open*/ [false, true, true, true, true, true],
            /*partial*/ [false, true, true, true, true, true],
            /*paid*/ [false, false, false, true, false, false],
            /*void*/ [false, false, false, false, true, false],
            /*uncollectible*/ [false, false, false, true, true, true],
        ]
        return order.indices.flatMap { row in
            order.indices.map { column in Move(from: order[row], to: order[column], allowed: table[row][column]) }
        }
    }()

    @Test("the table covers every pair")
    func tableIsComplete() {
        let pairs = Set(Self.moves.map { "\($0.from.rawValue)>\($0.to.rawValue)" })
        #expect(pairs.count == InvoiceStatus.allCases.count * InvoiceStatus.allCases.count)
    }

    @Test("canMove", arguments: moves)
    func canMove(_ move: Move) {
        #expect(move.from.canMove(to: move.to) == move.allowed)
    }

    @Test("a later event applies exactly when the lifecycle allows the move", arguments: moves)
    func decideFollowsCanMove(_ move: Move) {
        let current = Fixtures.invoice(move.from, at: Fixtures.at(0))
        let event = Fixtures.event("evt_next", .updated, at: Fixtures.at(1), Fixtures.snapshot(move.to))
        let decision = InvoiceStateMachine.decide(event, current: current)
        if move.allowed {
            #expect(decision == .apply(Invoice(
                source: "stripe", snapshot: event.invoice, status: move.to, lastEventAt: Fixtures.at(1), lastEventId: "evt_next"
            )))
        } else {
            guard case .skip(let reason) = decision else {
                Issue.record("expected skip, got \(decision)")
                return
            }
            #expect(reason.contains("not allowed"))
        }
    }

    @Test("only paid and void are terminal", arguments: InvoiceStatus.allCases)
    func terminal(_ status: InvoiceStatus) {
        #expect(status.isTerminal == (status == .paid || status == .void))
        if status.isTerminal {
            #expect(InvoiceStatus.allCases.filter { status.canMove(to: $0) } == [status])
        }
    }

    @Test("progress orders the lifecycle")
    func progress() {
        #expect(InvoiceStatus.draft.progress < InvoiceStatus.open.progress)
        #expect(InvoiceStatus.open.progress < InvoiceStatus.partiallyPaid.progress)
        #expect(InvoiceStatus.partiallyPaid.progress < InvoiceStatus.uncollectible.progress)
        #expect(InvoiceStatus.uncollectible.progress < InvoiceStatus.paid.progress)
        #expect(InvoiceStatus.paid.progress == InvoiceStatus.void.progress)
    }

    struct Derivation: Sendable, CustomTestStringConvertible {
        var providerStatus: String
        var due: Int64
        var paid: Int64
        var expected: InvoiceStatus?
        var testDescription: String { "\(providerStatus) \(paid)/\(due) -> \(expected?.rawValue ?? "nil")" }
    }

    @Test("derive", arguments: [
        Derivation(providerStatus: "draft", due: 1000, paid: 0, expected: .draft),
        Derivation(providerStatus: "draft", due: 1000, paid: 500, expected: .draft),
        Derivation(providerStatus: "open", due: 1000, paid: 0, expected: .open),
        Derivation(providerStatus: "open", due: 1000, paid: 1, expected: .partiallyPaid),
        Derivation(providerStatus: "open", due: 1000, paid: 999, expected: .partiallyPaid),
        Derivation(providerStatus: "open", due: 1000, paid: 1000, expected: .open),
        Derivation(providerStatus: "open", due: 0, paid: 0, expected: .open),
        Derivation(providerStatus: "paid", due: 1000, paid: 1000, expected: .paid),
        Derivation(providerStatus: "paid", due: 1000, paid: 400, expected: .paid),
        Derivation(providerStatus: "void", due: 1000, paid: 400, expected: .void),
        Derivation(providerStatus: "uncollectible", due: 1000, paid: 400, expected: .uncollectible),
        Derivation(providerStatus: "deleted", due: 1000, paid: 0, expected: nil),
        Derivation(providerStatus: "", due: 1000, paid: 0, expected: nil),
        Derivation(providerStatus: "Paid", due: 1000, paid: 1000, expected: nil),
        Derivation(providerStatus: "partially_paid", due: 1000, paid: 400, expected: nil),
    ])
    func derive(_ row: Derivation) {
        #expect(InvoiceStatus.derive(providerStatus: row.providerStatus, amountDue: row.due, amountPaid: row.paid) == row.expected)
    }
}
