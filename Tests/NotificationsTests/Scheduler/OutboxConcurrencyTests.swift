import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Testing
@testable import Notifications

@Suite("Reminder scheduler: several instances and crashes never double-send")
struct OutboxConcurrencyTests {
    static let now = utc(2026, 3, 17, 10)

    @Test("two scheduler instances on one database file, ticking concurrently, send every reminder exactly once")
    func twoInstancesNeverDoubleSend() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("relay-scheduler-\(UUID().uuidString)").appendingPathComponent("outbox.sqlite").path
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }

        try await SchedulerHarness.with(now: Self.now, database: try AppDatabase.open(path: path, synchronous: .normal)) { h in
            let count = 12
            for index in 0..<count {
                try await h.addInvoice("in_\(index)", email: "c\(index)@example.com", phone: "+1555000\(1000 + index)")
            }
            // A second connection pool on the same file, as a second process would have.
            let otherStore = SQLiteStore(try AppDatabase.open(path: path, synchronous: .normal))
            let configuration = SchedulerHarness.configuration(batchSize: 5, concurrency: 3)
            let first = h.scheduler(configuration: configuration, leaseOwner: "instance-a")
            let second = h.scheduler(store: otherStore, configuration: configuration, leaseOwner: "instance-b")

            var claimed = (0, 0)
            for _ in 0..<8 {
                async let a = first.runOnce()
                async let b = second.runOnce()
                let (reportA, reportB) = await (a, b)
                claimed.0 += reportA.claimed
                claimed.1 += reportB.claimed
            }

            let emails = h.sendGrid.delivered()
            let texts = h.twilio.delivered()
            #expect(emails.count == count)
            #expect(texts.count == count)
            #expect(Set(emails.compactMap { $0.metadata["idempotency_key"] }).count == count)
            #expect(Set(texts.map(\.to)).count == count)
            #expect(h.sendGrid.requests().count == count)
            #expect(h.twilio.requests().count == count)
            #expect(claimed.0 + claimed.1 == 2 * count)
            #expect(claimed.0 > 0 && claimed.1 > 0, "both instances did work: \(claimed)")

            let rows = try await h.deliveries()
            #expect(rows.count == 2 * count)
            #expect(rows.allSatisfy { $0.status == .sent && $0.attempts == 1 })
        }
    }

    @Test("a crash mid-batch: after the lease expires a new worker sends the unsent reminders once and the sent ones never again")
    func crashMidBatch() async throws {
        try await SchedulerHarness.with(now: Self.now) { h in
            for index in 0..<4 {
                try await h.addInvoice("in_crash\(index)", email: "crash\(index)@example.com", phone: nil)
            }
            // The first worker gets through two deliveries of its batch...
            let before = h.scheduler(configuration: SchedulerHarness.configuration(batchSize: 2, concurrency: 1), leaseOwner: "worker-1")
            let firstTick = await before.runOnce()
            #expect(firstTick.sent == 2)
            // ...then claims the rest and dies without completing them.
            let orphaned = try await h.store.claimDue(now: h.clock.now(), limit: 10, owner: "worker-1", lease: 120)
            #expect(orphaned.count == 2)

            let after = h.scheduler(leaseOwner: "worker-2")
            let whileLeased = await after.runOnce()
            #expect(whileLeased.claimed == 0, "leases still held by the dead worker")
            #expect(h.sendGrid.delivered().count == 2)

            h.clock.advance(by: 121)
            let recovered = await after.runOnce()
            #expect(recovered.claimed == 2)
            #expect(recovered.sent == 2)
            h.clock.advance(by: 3600)
            await after.runOnce()

            let keys = h.sendGrid.delivered().compactMap { $0.metadata["idempotency_key"] }
            #expect(keys.count == 4)
            #expect(Set(keys).count == 4)
            let rows = try await h.deliveries()
            #expect(rows.allSatisfy { $0.status == .sent && $0.attempts == 1 })
            #expect(Set(rows.filter { orphaned.map(\.id).contains($0.id) }.compactMap(\.leaseOwner)).isEmpty)
        }
    }

    @Test("a result written by a worker whose lease was taken over is refused; the new owner's result stands")
    func staleWorkerCannotComplete() async throws {
        try await SchedulerHarness.with(now: Self.now) { h in
            try await h.addInvoice("in_stale_lease", phone: nil)
            let slow = h.scheduler(leaseOwner: "slow")
            // Planning only: stop before claiming so the test controls the lease.
            _ = try await ReminderPlanner(store: h.store, configuration: slow.configuration, router: slow.router, logger: h.logs.logger()).plan(now: h.clock.now())
            let claimed = try await h.store.claimDue(now: h.clock.now(), limit: 1, owner: "slow", lease: 120)
            let delivery = try #require(claimed.first)

            h.clock.advance(by: 121)
            let fresh = h.scheduler(leaseOwner: "fresh")
            #expect(await fresh.runOnce().sent == 1)

            // The slow worker wakes up and tries to record its own outcome.
            let accepted = try await h.store.complete(delivery.id, owner: "slow", attempt: nil, transition: .failed(error: "late"), now: h.clock.now())
            #expect(!accepted)
            #expect(try await h.delivery("in_stale_lease", .email).status == .sent)
            #expect(h.sendGrid.delivered().count == 1)
        }
    }
}
