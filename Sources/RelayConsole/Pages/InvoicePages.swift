import Foundation
import InvoiceDomain
import RelayAdmin
import Hummingbird

/// Invoices: search by id, the filtered list, and one invoice with its timeline (events, deliveries and
/// attempts, drift corrections in order).
enum InvoicePages {
    static let filterNames: Set<String> = ["status", "customer", "overdue"]

    static func register(_ routes: ConsoleRoutes) {
        routes.page("invoices") { call in
            if let id = call.query["id"]?.trimmingCharacters(in: .whitespaces), !id.isEmpty {
                return ConsoleCall.redirect("\(call.base)/invoices/\(encode(id))")
            }
            let page = try await call.service.invoices(InvoiceQuery(call.parameters(filterNames.union(["cursor"]))))
            let filters = call.query.filled(filterNames)
            return call.page("invoices", title: "Invoices", section: "invoices", [
                "rows": page.data.map { row($0, base: call.base) }, "empty": page.data.isEmpty,
                "statusOptions": Format.options(InvoiceStatus.allCases.map(\.rawValue), selected: call.query["status"]),
                "customer": call.query["customer"] ?? "", "overdue": call.query["overdue"] == "true",
                "next": Format.nextLink("\(call.base)/invoices", filters: filters, cursor: page.nextCursor) ?? "", "hasNext": page.nextCursor != nil,
            ])
        }

        routes.page("invoices/{id}") { call in
            let detail = try await call.service.invoice(id: call.path("id"))
            let invoice = detail.invoice
            return call.page("invoice", title: "Invoice \(invoice.number ?? invoice.id)", section: "invoices", [
                "invoice": row(invoice, base: call.base),
                "fields": [
                    ["name": "Status", "value": invoice.status], ["name": "Provider status", "value": invoice.providerStatus],
                    ["name": "Customer", "value": Format.text(invoice.customerName)], ["name": "Customer id", "value": Format.text(invoice.customerId)],
                    ["name": "Email", "value": Format.text(invoice.customerEmail)], ["name": "Phone", "value": Format.text(invoice.customerPhone)],
                    ["name": "Amount due", "value": Format.money(invoice.amountDue, currency: invoice.currency)],
                    ["name": "Amount paid", "value": Format.money(invoice.amountPaid, currency: invoice.currency)],
                    ["name": "Amount remaining", "value": Format.money(invoice.amountRemaining, currency: invoice.currency)],
                    ["name": "Due", "value": Format.date(invoice.dueDate)], ["name": "Overdue", "value": invoice.overdue ? "yes" : "no"],
                    ["name": "Last event", "value": "\(invoice.lastEventId) at \(Format.date(invoice.lastEventAt))"],
                ],
                "timeline": detail.timeline.map { entry in
                    ["at": Format.date(entry.at), "kind": entry.kind, "summary": entry.summary, "href": link(entry.ref, base: call.base) ?? "", "hasLink": link(entry.ref, base: call.base) != nil] as [String: Any]
                },
            ])
        }
    }

    static func row(_ invoice: InvoiceView, base: String) -> [String: Any] {
        [
            "id": invoice.id, "href": "\(base)/invoices/\(encode(invoice.id))", "number": Format.text(invoice.number), "status": invoice.status,
            "customer": Format.text(invoice.customerName ?? invoice.customerEmail), "remaining": Format.money(invoice.amountRemaining, currency: invoice.currency),
            "due": Format.date(invoice.dueDate), "overdue": invoice.overdue,
        ]
    }

    /// `event:12` → the event's page, `delivery:7` → the delivery's.
    static func link(_ ref: String, base: String) -> String? {
        let parts = ref.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = Int64(parts[1]) else { return nil }
        switch parts[0] {
        case "event": return "\(base)/events/\(id)"
        case "delivery": return "\(base)/deliveries/\(id)"
        default: return nil
        }
    }

    static func encode(_ id: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }
}
