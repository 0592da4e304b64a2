import InvoiceStore

/// The console overview's figures, all read through the admin service's store.
public struct AdminOverview: Sendable {
    public struct StatusCount: Sendable, Equatable {
        public var status: String
        public var count: Int
        /// `count` is a lower bound: there are more.
        public var capped: Bool
    }

    public var outbox: OutboxStats
    public var deliveriesByStatus: [StatusCount]
    public var recentFailures: [Delivery]
    public var quarantinedEvents: [EventSummary]
}
