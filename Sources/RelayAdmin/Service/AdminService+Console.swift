import Foundation
import InvoiceDomain
package import StoreSeams

extension AdminService {
    // MARK: - Console sign-in audit

    /// Records that `token` opened a web console session, so sign-ins appear in the audit log under the
    /// token's name like every other admin action.
    package func recordConsoleSignIn(token: APIToken) async throws {
        try await record(token.name, "console.sign_in", target: "token:\(token.name)", detail: ["prefix": token.prefix, "scope": token.scope.rawValue])
    }

    /// Records that a console session of `token` was closed by its user.
    package func recordConsoleSignOut(token: APIToken) async throws {
        try await record(token.name, "console.sign_out", target: "token:\(token.name)", detail: ["prefix": token.prefix])
    }

    // MARK: - Overview

    /// What the console's overview shows: outbox depth, deliveries per status (counted up to `countCap`, so the
    /// page costs a bounded amount whatever the table's size), the latest failures and quarantined events.
    package func overview(countCap: Int = 100, recent: Int = 5) async throws -> AdminOverview {
        let now = clock.now()
        let stats = try await store.outboxStats(now: now)
        var counts: [AdminOverview.StatusCount] = []
        for status in DeliveryStatus.allCases {
            let rows = try await store.deliveries(matching: DeliveryFilter(status: status), limit: countCap + 1, before: nil)
            counts.append(.init(status: status.rawValue, count: min(rows.count, countCap), capped: rows.count > countCap))
        }
        let failed = try await store.deliveries(matching: DeliveryFilter(status: .failed), limit: recent, before: nil)
        let dead = try await store.deliveries(matching: DeliveryFilter(status: .dead), limit: recent, before: nil)
        let failures = (failed + dead).sorted { $0.updatedAt > $1.updatedAt }.prefix(recent)
        let quarantined = try await store.events(matching: EventFilter(status: .quarantined), limit: recent, before: nil)
        return AdminOverview(
            outbox: stats, deliveriesByStatus: counts, recentFailures: Array(failures), quarantinedEvents: quarantined.map(EventSummary.init)
        )
    }
}
