package import Foundation

/// How far reconciliation has read a provider's event stream.
package struct ReconcileCursor: Sendable, Equatable, Codable {
    package var source: String
    /// `created` (unix seconds) of the newest fully processed event.
    package var lastCreated: Int64
    package var lastEventId: String?
    package var updatedAt: Date

    package init(source: String, lastCreated: Int64, lastEventId: String?, updatedAt: Date) {
        self.source = source
        self.lastCreated = lastCreated
        self.lastEventId = lastEventId
        self.updatedAt = updatedAt
    }
}
