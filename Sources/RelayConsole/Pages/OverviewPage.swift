import Foundation
import StoreSeams
import RelayAdmin
import Hummingbird

/// The landing page: outbox depth, deliveries per status (with a small inline SVG bar chart), recent failures,
/// quarantined events and the alerts firing now.
enum OverviewPage {
    static func register(_ routes: ConsoleRoutes) {
        routes.page("") { call in
            let overview = try await call.service.overview()
            let health = await call.console.health()
            let largest = max(1, overview.deliveriesByStatus.map(\.count).max() ?? 1)
            let bars: [[String: Any]] = overview.deliveriesByStatus.enumerated().map { index, entry in
                [
                    "status": entry.status, "count": entry.count, "more": entry.capped ? "+" : "",
                    "href": "\(call.base)/deliveries?status=\(entry.status)",
                    "y": index * 22, "textY": index * 22 + 14, "width": max(2, entry.count * 300 / largest),
                ]
            }
            let stats = overview.outbox
            return call.page("overview", title: "Overview", section: "overview", [
                "outbox": [
                    ["label": "Pending", "value": String(stats.pending)],
                    ["label": "Sending", "value": String(stats.sending)],
                    ["label": "Retry scheduled", "value": String(stats.retryScheduled)],
                    ["label": "Oldest due, waiting", "value": "\(Int(stats.oldestDueAge)) s"],
                ],
                "bars": bars, "chartHeight": bars.count * 22,
                "failures": overview.recentFailures.map { DeliveryPages.row($0, base: call.base) },
                "quarantined": overview.quarantinedEvents.map { EventPages.row($0, base: call.base) },
                "alerts": health.activeAlerts, "noAlerts": health.activeAlerts.isEmpty,
                "signals": health.signals.map { ["name": $0.name, "value": $0.value] },
            ])
        }
    }
}
