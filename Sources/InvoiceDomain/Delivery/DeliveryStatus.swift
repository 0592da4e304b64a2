/// State of one reminder in the outbox.
///
/// `pending → sending (leased) → sent | retryScheduled | failed | dead`; a `retryScheduled`
/// delivery becomes claimable again at its next attempt time, and an expired lease on `sending`
/// makes it claimable again too (crash recovery).
package enum DeliveryStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case pending
    case sending
    case sent
    case retryScheduled = "retry_scheduled"
    /// Permanent failure (4xx the provider will never accept, or credentials). Not retried unless replayed.
    case failed
    /// Attempts exhausted. Not retried unless replayed.
    case dead
    /// Not sent because the invoice stopped being remindable (paid, void, opted out) before sending.
    case cancelled

    package var isFinal: Bool { self == .sent || self == .failed || self == .dead || self == .cancelled }
}
