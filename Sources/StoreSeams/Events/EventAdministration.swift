package import Foundation

/// What the admin surface (API and CLI) reads and does with stored events.
package protocol EventAdministration: Sendable {
    func event(id: Int64) async throws -> StoredEvent?

    /// Newest first; `before` is the id cursor of the last row of the previous page.
    func events(matching filter: EventFilter, limit: Int, before: Int64?) async throws -> [StoredEvent]

    /// Applies a quarantined event again with freshly decoded content (e.g. after a config fix).
    /// - Returns: the event's new status, or `nil` when no such event exists.
    /// - Throws: ``StoreError/conflict(_:)`` when the event is not quarantined.
    func reprocess(id: Int64, content: EventContent, at now: Date) async throws -> EventStatus?
}
