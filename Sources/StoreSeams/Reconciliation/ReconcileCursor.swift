import Foundation

/// How far reconciliation has read a provider's event stream.
public struct ReconcileCursor: Sendable, Equatable, Codable {
    public var source: String
    /// `created` (unix seconds) of the newest fully processed event.
    public var lastCreated: Int64
    public var lastEventId: String?
    public var updatedAt: Date

    public init(source: String, lastCreated: Int64, lastEventId: String?, updatedAt: Date) {
        self.source = source
        self.lastCreated = lastCreated
        self.lastEventId = lastEventId
        self.updatedAt = updatedAt
    }
}
