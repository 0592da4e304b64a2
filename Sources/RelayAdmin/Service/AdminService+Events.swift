import Foundation
import StoreSeams
import WebhookIngest
import InvoiceDomain

extension AdminService {
    /// Stored events matching the query, newest first, without bodies.
    package func events(_ query: EventQuery) async throws -> Page<EventSummary> {
        let rows = try await store.events(matching: query.filter, limit: query.limit + 1, before: query.before)
        return Page(rows: rows, limit: query.limit, cursor: { String($0.id ?? 0) }, map: EventSummary.init)
    }

    /// One event with its raw body and audit headers.
    /// - Throws: ``AdminError`` `event_not_found`.
    package func event(id: Int64) async throws -> EventDetail {
        guard let stored = try await store.event(id: id) else { throw Self.eventNotFound(id) }
        return EventDetail(stored)
    }

    /// Decodes a quarantined event's stored body again with today's code and configuration and applies it
    /// through the same idempotent path as a fresh webhook. It stays quarantined if its cause is not fixed.
    /// - Throws: ``AdminError`` `event_not_found`; `not_quarantined` (409) for any other status.
    package func reprocessEvent(id: Int64, actor: String) async throws -> ReprocessResult {
        guard let stored = try await store.event(id: id) else { throw Self.eventNotFound(id) }
        guard stored.status == EventStatus.quarantined.rawValue else {
            throw AdminError.conflict("not_quarantined", "event \(id) is \(stored.status); only quarantined events can be re-processed")
        }
        // The stored key is passed as the delivery id so an applied event keeps the id it was stored under.
        let (_, content) = WebhookIngestor.interpret(body: Array(stored.body), source: stored.source, deliveryId: stored.eventId)
        let status: EventStatus?
        do {
            status = try await store.reprocess(id: id, content: content, at: clock.now())
        } catch StoreError.conflict(let message) {
            throw AdminError.conflict("not_quarantined", message)
        }
        guard status != nil, let updated = try await store.event(id: id) else { throw Self.eventNotFound(id) }
        try await record(actor, "event.reprocess", target: "event:\(id)", detail: [
            "event_id": stored.eventId, "source": stored.source, "status": updated.status,
        ])
        return ReprocessResult(event: EventSummary(updated), previousStatus: stored.status)
    }

    static func eventNotFound(_ id: Int64) -> AdminError {
        AdminError.notFound("event_not_found", "no event \(id)")
    }
}
