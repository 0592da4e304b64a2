import Foundation
import InvoiceDomain
import StoreSeams
import RelayAdmin
import Hummingbird

/// Deliveries: the filtered list, one delivery with its attempts and rendered message, replay of one, a
/// deliberate resend of a sent one (behind a second confirmation), and bulk replay by filter (behind a page
/// that states how many deliveries it will re-queue).
enum DeliveryPages {
    static let statuses = DeliveryStatus.allCases.map(\.rawValue)
    static let channels = Channel.allCases.map(\.rawValue)
    static let filterNames: Set<String> = ["status", "channel", "provider", "invoice_id", "step"]

    static func register(_ routes: ConsoleRoutes) {
        routes.page("deliveries") { call in
            let parameters = try call.parameters(filterNames.union(["cursor"]))
            let page = try await call.service.deliveries(DeliveryQuery(parameters))
            let filters = call.query.filled(filterNames)
            return call.page("deliveries", title: "Deliveries", section: "deliveries", [
                "rows": page.data.map { row($0, base: call.base) }, "empty": page.data.isEmpty,
                "statusOptions": Format.options(statuses, selected: call.query["status"]),
                "channelOptions": Format.options(channels, selected: call.query["channel"]),
                "provider": call.query["provider"] ?? "", "invoiceId": call.query["invoice_id"] ?? "", "step": call.query["step"] ?? "",
                "next": Format.nextLink("\(call.base)/deliveries", filters: filters, cursor: page.nextCursor) ?? "", "hasNext": page.nextCursor != nil,
                "bulkHref": "\(call.base)/deliveries/replay?" + FormFields.encode(filters),
            ])
        }

        routes.page("deliveries/replay") { call in
            let filter = try DeliveryQuery.parseFilter(call.parameters(filterNames))
            let count = try await replayableCount(call.service, filter)
            let filters = call.query.filled(filterNames)
            return call.page("bulk-replay", title: "Replay deliveries", section: "deliveries", [
                "count": count, "none": count == 0,
                "filters": filters.map { ["name": $0.0, "value": $0.1] }, "noFilter": filters.isEmpty,
                "back": "\(call.base)/deliveries?" + FormFields.encode(filters),
            ])
        }

        routes.form("deliveries/replay", access: .write) { call in
            let pairs = call.form.filled(filterNames)
            let filter = try DeliveryQuery.parseFilter(AdminParameters(pairs, allowed: filterNames))
            guard call.form["confirm"] == "yes" else { throw ConsoleError.badRequest("Confirm the bulk replay on its confirmation page.") }
            let result = try await call.service.replayDeliveries(matching: filter, all: pairs.isEmpty, actor: call.user.actor)
            return ConsoleCall.redirect("\(call.base)/deliveries?" + FormFields.encode(pairs + [("notice", "bulk_replayed"), ("n", String(result.requeued))]))
        }

        routes.page("deliveries/{id}") { call in
            let detail = try await call.service.delivery(id: call.id("id"))
            let delivery = detail.delivery
            var values: [String: Any] = [
                "delivery": row(delivery, base: call.base),
                "fields": fields(delivery),
                "attempts": detail.attempts.map { attempt in
                    [
                        "number": attempt.attemptNumber, "at": Format.date(attempt.startedAt), "provider": attempt.provider,
                        "httpStatus": attempt.httpStatus.map(String.init) ?? "—", "outcome": attempt.outcome,
                        "error": Format.text(attempt.error), "latency": String(format: "%.0f ms", attempt.latencyMs),
                    ] as [String: Any]
                },
                "noAttempts": detail.attempts.isEmpty,
                "replayable": [DeliveryStatus.failed, .dead, .cancelled].contains(delivery.status),
                "resendable": delivery.status == .sent,
            ]
            if let message = await renderedMessage(call.service, delivery) { values["message"] = message }
            return call.page("delivery", title: "Delivery \(delivery.id)", section: "deliveries", values)
        }

        routes.page("deliveries/{id}/resend") { call in
            let detail = try await call.service.delivery(id: call.id("id"))
            guard detail.delivery.status == .sent else {
                throw AdminError.conflict("not_sent", "delivery \(detail.delivery.id) is \(detail.delivery.status.rawValue); replay it instead of resending")
            }
            return call.page("resend", title: "Send again?", section: "deliveries", ["delivery": row(detail.delivery, base: call.base)])
        }

        routes.form("deliveries/{id}/replay", access: .write) { call in
            let id = try call.id("id")
            let force = call.form["force"] == "true"
            if force, call.form["confirm"] != "resend" {
                throw ConsoleError.badRequest("Sending an already-sent reminder again needs the explicit confirmation on its own page.")
            }
            let result = try await call.service.replayDelivery(id: id, force: force, actor: call.user.actor)
            return ConsoleCall.redirect("\(call.base)/deliveries/\(id)?notice=\(result.resend ? "resent" : "replayed")")
        }
    }

    /// A delivery as a table row.
    static func row(_ delivery: Delivery, base: String) -> [String: Any] {
        [
            "id": String(delivery.id), "href": "\(base)/deliveries/\(delivery.id)", "invoiceId": delivery.invoiceId,
            "invoiceHref": "\(base)/invoices/\(delivery.invoiceId.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "")",
            "step": delivery.step, "channel": delivery.channel.rawValue, "status": delivery.status.rawValue,
            "provider": Format.text(delivery.provider), "attempts": delivery.attempts, "updated": Format.date(delivery.updatedAt),
            "error": Format.text(delivery.lastError), "failed": delivery.status == .failed || delivery.status == .dead,
        ]
    }

    static func fields(_ d: Delivery) -> [[String: String]] {
        [
            ["name": "Status", "value": d.status.rawValue], ["name": "Invoice", "value": d.invoiceId], ["name": "Step", "value": d.step],
            ["name": "Kind", "value": d.kind], ["name": "Channel", "value": d.channel.rawValue], ["name": "Recipient", "value": Format.text(d.recipient)],
            ["name": "Provider", "value": Format.text(d.provider)], ["name": "Template", "value": Format.text(d.templateId.map { id in d.templateVersion.map { "\(id) v\($0)" } ?? id })],
            ["name": "Attempts", "value": String(d.attempts)], ["name": "Next attempt", "value": Format.date(d.nextAttemptAt)],
            ["name": "Last error", "value": Format.text(d.lastError)], ["name": "Provider message id", "value": Format.text(d.providerMessageId)],
            ["name": "Resends", "value": String(d.resendCount)], ["name": "Created", "value": Format.date(d.createdAt)],
            ["name": "Sent", "value": Format.date(d.sentAt)], ["name": "Idempotency key", "value": d.idempotencyKey],
        ]
    }

    /// The message as the delivery's template renders it for its invoice now (the service's preview, which renders
    /// exactly as a send does); `nil` when the delivery has no template yet or the preview fails.
    static func renderedMessage(_ service: AdminService, _ delivery: Delivery) async -> [String: Any]? {
        guard let templateId = delivery.templateId, let ref = try? TemplateRef(templateId) else { return nil }
        guard let preview = try? await service.previewTemplate(ref, PreviewRequest(version: delivery.templateVersion, invoiceId: delivery.invoiceId)) else {
            return nil
        }
        return TemplatePages.previewValues(preview)
    }

    /// How many failed or dead deliveries `filter` selects (what a bulk replay would re-queue), counted through the
    /// service's own list in pages of 500.
    static func replayableCount(_ service: AdminService, _ filter: DeliveryFilter) async throws -> Int {
        var total = 0
        for status in filter.status.map({ [$0] }) ?? [.failed, .dead] {
            guard status == .failed || status == .dead else {
                throw AdminError.badRequest("invalid_parameter", "bulk replay re-queues only failed or dead deliveries, not \(status.rawValue)")
            }
            var pairs = pairs(filter)
            pairs.removeAll { $0.0 == "status" }
            pairs.append(("status", status.rawValue))
            var cursor: String?
            repeat {
                let parameters = try AdminParameters(pairs + [("limit", "500")] + (cursor.map { [("cursor", $0)] } ?? []), allowed: DeliveryQuery.parameterNames)
                let page = try await service.deliveries(DeliveryQuery(parameters))
                total += page.data.count
                cursor = page.nextCursor
            } while cursor != nil
        }
        return total
    }

    /// A delivery filter written back as the list's parameters.
    static func pairs(_ filter: DeliveryFilter) -> [(String, String)] {
        var pairs: [(String, String)] = []
        if let status = filter.status { pairs.append(("status", status.rawValue)) }
        if let channel = filter.channel { pairs.append(("channel", channel.rawValue)) }
        if let provider = filter.provider { pairs.append(("provider", provider)) }
        if let invoiceId = filter.invoiceId { pairs.append(("invoice_id", invoiceId)) }
        if let step = filter.step { pairs.append(("step", step)) }
        return pairs
    }
}
