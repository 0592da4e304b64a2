package import StoreSeams

/// The console overview's figures, all read through the admin service's store.
package struct AdminOverview: Sendable {
    package struct StatusCount: Sendable, Equatable {
        package var status: String
        package var count: Int
        /// `count` is a lower bound: there are more.
        package var capped: Bool
    }

    package var outbox: OutboxStats
    package var deliveriesByStatus: [StatusCount]
    package var recentFailures: [Delivery]
    package var quarantinedEvents: [EventSummary]
}
