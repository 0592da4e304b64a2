/// What a provider reported about a message after accepting it (status callbacks, event webhooks).
///
/// Statuses are ranked so that a late or repeated report never moves a delivery backwards: a `sent` that arrives
/// after `delivered` changes nothing. Reports of equal rank keep the first one.
package enum ProviderStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// Twilio `accepted`/`queued`/`sending`.
    case queued
    /// Handed to the carrier or receiving mail server (Twilio `sent`).
    case sent
    /// Temporarily refused by the receiving server; the provider keeps trying (SendGrid `deferred`).
    case deferred
    case delivered
    /// Twilio `undelivered`: the carrier could not deliver.
    case undelivered
    /// Twilio `failed`.
    case failed
    /// The receiving server refused the message (hard or soft bounce, SendGrid `blocked`).
    case bounced
    /// The provider did not send it (SendGrid `dropped`, e.g. a suppressed address).
    case dropped
    /// The recipient marked it as spam.
    case complained
    /// The recipient unsubscribed through the provider.
    case unsubscribed

    /// The order in which statuses may follow each other; a report of a lower or equal rank is ignored.
    package var rank: Int {
        switch self {
        case .queued: 0
        case .sent, .deferred: 1
        case .delivered, .undelivered, .failed, .bounced, .dropped: 2
        case .complained, .unsubscribed: 3
        }
    }

    /// Twilio's `MessageStatus` values mapped onto ours; `nil` for values that carry no news (`receiving`, …).
    package init?(twilio status: String) {
        switch status.lowercased() {
        case "accepted", "queued", "sending", "scheduled": self = .queued
        case "sent": self = .sent
        case "delivered", "read": self = .delivered
        case "undelivered": self = .undelivered
        case "failed", "canceled": self = .failed
        default: return nil
        }
    }
}
