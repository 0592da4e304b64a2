import Foundation
import RelayAdmin
import Hummingbird
import StoreSeams

/// The audit log, newest first, filtered by actor, action or target.
enum AuditPage {
    static let filterNames: Set<String> = ["actor", "action", "target"]

    static func register(_ routes: ConsoleRoutes) {
        routes.page("audit") { call in
            let page = try await call.service.audit(AuditQuery(call.parameters(filterNames.union(["cursor"]))))
            let filters = call.query.filled(filterNames)
            return call.page("audit", title: "Audit log", section: "audit", [
                "rows": page.data.map { entry in
                    [
                        "id": String(entry.id), "at": Format.date(entry.at), "actor": entry.actor, "action": entry.action,
                        "target": Format.text(entry.target), "detail": Format.text(entry.detail),
                    ]
                },
                "empty": page.data.isEmpty,
                "actor": call.query["actor"] ?? "", "action": call.query["action"] ?? "", "target": call.query["target"] ?? "",
                "next": Format.nextLink("\(call.base)/audit", filters: filters, cursor: page.nextCursor) ?? "", "hasNext": page.nextCursor != nil,
            ])
        }
    }
}
