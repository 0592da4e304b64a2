package import Foundation

/// How deep the outbox is: the scheduler reports it as metrics (alerts), admins see it on the console's overview.
package protocol OutboxStatistics: Sendable {
    /// Outbox depth: pending, in flight and waiting to retry, and the age of the oldest due delivery.
    func outboxStats(now: Date) async throws -> OutboxStats
}
