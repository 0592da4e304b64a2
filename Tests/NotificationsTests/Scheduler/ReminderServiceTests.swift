import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Logging
import ServiceLifecycle
import Testing
@testable import Notifications

@Suite("Reminder service lifecycle")
struct ReminderServiceTests {
    static let now = utc(2026, 3, 17, 10)

    @Test("runs ticks in a service group, reports readiness, and stops on graceful shutdown")
    func runsAndShutsDown() async throws {
        try await SchedulerHarness.with(now: Self.now) { h in
            try await h.addInvoice("in_svc", phone: nil)
            let service = ReminderService(scheduler: h.scheduler(), tickInterval: .milliseconds(10), logger: h.logs.logger())
            #expect(!service.isRunning)
            let group = ServiceGroup(configuration: .init(services: [service], logger: h.logs.logger()))

            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var waited = 0
                while h.sendGrid.delivered().isEmpty, waited < 500 {
                    try await Task.sleep(for: .milliseconds(10))
                    waited += 1
                }
                #expect(h.sendGrid.delivered().count == 1)
                #expect(service.isRunning)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(!service.isRunning)
            #expect(service.scheduler.isStopping)
            #expect(try await h.delivery("in_svc", .email).status == .sent)
        }
    }

    @Test("once stopped the scheduler claims nothing, and its leases go back to the outbox")
    func stopAndRelease() async throws {
        try await SchedulerHarness.with(now: Self.now) { h in
            try await h.addInvoice("in_release", phone: nil)
            let scheduler = h.scheduler(leaseOwner: "releasing")
            _ = try await ReminderPlanner(store: h.store, configuration: scheduler.configuration, router: scheduler.router, logger: h.logs.logger()).plan(now: h.clock.now())
            // A claim under this instance's owner that was never processed (shutdown mid-batch).
            #expect(try await h.store.claimDue(now: h.clock.now(), limit: 10, owner: "releasing", lease: 120).count == 1)

            scheduler.stop()
            let report = await scheduler.runOnce()
            #expect(report.claimed == 0)
            #expect(await scheduler.releaseLeases() == 1)

            let row = try await h.delivery("in_release", .email)
            #expect(row.status == .pending)
            #expect(row.leaseOwner == nil)
            // Another instance picks it up at once, without waiting for the lease to expire.
            #expect(await h.scheduler().runOnce().sent == 1)
            #expect(h.sendGrid.delivered().count == 1)
        }
    }
}
