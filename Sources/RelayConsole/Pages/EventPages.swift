import Foundation
import StoreSeams
import RelayAdmin
import Hummingbird

/// Stored webhook and reconciliation events: the filtered list, one event with its headers and raw body,
/// and re-processing a quarantined one.
enum EventPages {
    static let filterNames: Set<String> = ["source", "type", "status", "invoice_id"]

    static func register(_ routes: ConsoleRoutes) {
        routes.page("events") { call in
            let page = try await call.service.events(EventQuery(call.parameters(filterNames.union(["cursor"]))))
            let filters = call.query.filled(filterNames)
            return call.page("events", title: "Events", section: "events", [
                "rows": page.data.map { row($0, base: call.base) }, "empty": page.data.isEmpty,
                "statusOptions": Format.options(EventQuery.statuses, selected: call.query["status"]),
                "source": call.query["source"] ?? "", "type": call.query["type"] ?? "", "invoiceId": call.query["invoice_id"] ?? "",
                "next": Format.nextLink("\(call.base)/events", filters: filters, cursor: page.nextCursor) ?? "", "hasNext": page.nextCursor != nil,
            ])
        }

        routes.page("events/{id}") { call in
            let detail = try await call.service.event(id: call.id("id"))
            let event = detail.event
            return call.page("event", title: "Event \(event.eventId)", section: "events", [
                "event": row(event, base: call.base),
                "fields": [
                    ["name": "Source", "value": event.source], ["name": "Provider event id", "value": event.eventId],
                    ["name": "Type", "value": Format.text(event.type)], ["name": "Origin", "value": event.origin],
                    ["name": "Status", "value": event.status], ["name": "Reason", "value": Format.text(event.reason)],
                    ["name": "Invoice", "value": Format.text(event.invoiceId)], ["name": "Created (provider)", "value": Format.date(event.eventCreatedAt)],
                    ["name": "Received", "value": Format.date(event.receivedAt)], ["name": "Processed", "value": Format.date(event.processedAt)],
                    ["name": "Duplicates", "value": String(event.duplicateCount)],
                ],
                "headers": detail.headers.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] },
                "body": detail.bodyText ?? "(binary body, base64) " + detail.bodyBase64,
                "quarantined": event.status == EventStatus.quarantined.rawValue,
            ])
        }

        routes.form("events/{id}/reprocess", access: .write) { call in
            let id = try call.id("id")
            _ = try await call.service.reprocessEvent(id: id, actor: call.user.actor)
            return ConsoleCall.redirect("\(call.base)/events/\(id)?notice=reprocessed")
        }
    }

    static func row(_ event: EventSummary, base: String) -> [String: Any] {
        [
            "id": String(event.id), "href": "\(base)/events/\(event.id)", "source": event.source, "eventId": event.eventId,
            "type": Format.text(event.type), "status": event.status, "reason": Format.text(event.reason),
            "invoiceId": Format.text(event.invoiceId), "received": Format.date(event.receivedAt), "duplicates": event.duplicateCount,
        ]
    }
}
