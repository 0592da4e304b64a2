import Foundation
import InvoiceDomain
import StoreSeams

extension AdminService {
    /// How many events, deliveries and drift records an invoice's detail shows (newest kept).
    static let timelineLimit = 200

    /// Invoices matching the query, ordered by id.
    package func invoices(_ query: InvoiceQuery) async throws -> Page<InvoiceView> {
        let now = clock.now()
        let filter = InvoiceFilter(status: query.status, customerId: query.customerId, overdueAt: query.overdue ? now : nil)
        let rows = try await store.invoices(matching: filter, limit: query.limit + 1, after: query.after)
        return Page(rows: rows, limit: query.limit, cursor: \.id, map: { InvoiceView($0, now: now) })
    }

    /// An invoice with its events, deliveries (with attempts), drift corrections and a merged timeline.
    /// - Throws: ``AdminError`` `invoice_not_found`.
    package func invoice(id: String) async throws -> InvoiceDetail {
        guard let invoice = try await store.invoice(id: id) else {
            throw AdminError.notFound("invoice_not_found", "no invoice '\(id)'")
        }
        let events = try await store.events(matching: EventFilter(invoiceId: id), limit: Self.timelineLimit, before: nil)
        var deliveries: [DeliveryDetail] = []
        let rows = try await store.deliveries(matching: DeliveryFilter(invoiceId: id), limit: Self.timelineLimit, before: nil)
        let feedback = try await store.providerFeedback(deliveryIds: rows.map(\.id))
        for delivery in rows {
            deliveries.append(DeliveryDetail(
                delivery: delivery, attempts: try await store.attempts(deliveryId: delivery.id), providerFeedback: feedback[delivery.id]
            ))
        }
        let drifts = try await store.drifts(invoiceId: id, limit: Self.timelineLimit)
        return InvoiceDetail(
            invoice: InvoiceView(invoice, now: clock.now()),
            events: events.map(EventSummary.init),
            deliveries: deliveries,
            driftCorrections: drifts,
            timeline: Self.timeline(events: events, deliveries: deliveries, drifts: drifts)
        )
    }

    /// Everything that happened to an invoice, oldest first.
    static func timeline(events: [StoredEvent], deliveries: [DeliveryDetail], drifts: [DriftRecord]) -> [TimelineEntry] {
        var entries: [TimelineEntry] = []
        for event in events {
            var summary = "\(event.type ?? "event") \(event.eventId) from \(event.source) (\(event.origin)): \(event.status)"
            if let reason = event.reason { summary += " — \(reason)" }
            if event.duplicateCount > 0 { summary += "; \(event.duplicateCount) duplicate(s)" }
            entries.append(TimelineEntry(at: event.receivedAt, kind: "event", summary: summary, ref: "event:\(event.id ?? 0)"))
        }
        for detail in deliveries {
            let d = detail.delivery
            entries.append(TimelineEntry(
                at: d.createdAt, kind: "delivery_queued",
                summary: "\(d.channel.rawValue) reminder for step \(d.step) (\(d.kind)) queued; now \(d.status.rawValue)",
                ref: "delivery:\(d.id)"
            ))
            for attempt in detail.attempts {
                var summary = "attempt \(attempt.attemptNumber) via \(attempt.provider): \(attempt.outcome)"
                if let status = attempt.httpStatus { summary += ", HTTP \(status)" }
                summary += ", \(Int(attempt.latencyMs.rounded())) ms"
                if let error = attempt.error { summary += " — \(error)" }
                entries.append(TimelineEntry(at: attempt.startedAt, kind: "delivery_attempt", summary: summary, ref: "delivery:\(d.id)"))
            }
            if let feedback = detail.providerFeedback {
                var summary = "\(d.provider ?? "provider") reported \(feedback.status.rawValue)"
                if let code = feedback.errorCode { summary += " (\(code))" }
                entries.append(TimelineEntry(at: feedback.at, kind: "delivery_feedback", summary: summary, ref: "delivery:\(d.id)"))
            }
        }
        for drift in drifts {
            let change = "\(drift.field): \(drift.ours ?? "none") → \(drift.theirs ?? "none")"
            entries.append(TimelineEntry(
                at: drift.detectedAt, kind: "drift_correction",
                summary: change + (drift.fixed ? " (corrected from the provider)" : " (reported only)"),
                ref: "drift:\(drift.id ?? 0)"
            ))
        }
        return entries.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }
}
