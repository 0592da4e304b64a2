import Foundation
import InvoiceDomain
package import StoreSeams

extension AdminService {
    /// Deliveries matching the query, newest first.
    package func deliveries(_ query: DeliveryQuery) async throws -> Page<Delivery> {
        let rows = try await store.deliveries(matching: query.filter, limit: query.limit + 1, before: query.before)
        return Page(rows: rows, limit: query.limit, cursor: { String($0.id) }, map: { $0 })
    }

    /// One delivery with its attempts (time, provider, HTTP status, error, latency).
    /// - Throws: ``AdminError`` `delivery_not_found`.
    package func delivery(id: Int64) async throws -> DeliveryDetail {
        guard let delivery = try await store.delivery(id: id) else { throw Self.deliveryNotFound(id) }
        return DeliveryDetail(
            delivery: delivery, attempts: try await store.attempts(deliveryId: id),
            providerFeedback: try await store.providerFeedback(deliveryIds: [id])[id]
        )
    }

    /// Re-queues a failed, dead or cancelled delivery on its own idempotency key (so it can never become a
    /// second reminder). A sent one is refused unless `force`, and is then counted and audited as a
    /// deliberate resend.
    /// - Throws: ``AdminError`` `delivery_not_found`; `already_sent` (409) without `force`;
    ///   `not_replayable` (409) for a delivery still queued or in flight.
    package func replayDelivery(id: Int64, force: Bool, actor: String) async throws -> ReplayResult {
        guard let current = try await store.delivery(id: id) else { throw Self.deliveryNotFound(id) }
        let isResend = current.status == .sent
        if isResend, !force {
            throw AdminError.conflict("already_sent", "delivery \(id) was already sent; pass force to send it again deliberately")
        }
        let replayed: Delivery
        do {
            replayed = try await store.replay(id: id, force: force, now: clock.now())
        } catch StoreError.notFound {
            throw Self.deliveryNotFound(id)
        } catch StoreError.conflict(let message) {
            throw AdminError.conflict(isResend ? "already_sent" : "not_replayable", message)
        }
        try await record(actor, isResend ? "delivery.resend" : "delivery.replay", target: "delivery:\(id)", detail: [
            "previous_status": current.status.rawValue, "invoice_id": current.invoiceId, "step": current.step, "channel": current.channel.rawValue,
        ])
        return ReplayResult(delivery: replayed, resend: isResend)
    }

    /// Re-queues every failed or dead delivery matching `filter`. Sent deliveries are never bulk-replayed.
    /// - Parameters:
    ///   - all: required when `filter` is empty, so an empty request cannot re-queue everything by accident.
    ///   - progress: when given, deliveries are re-queued one by one and `progress(done, total)` is called as it goes
    ///     (CLI); otherwise all in one transaction (API).
    /// - Throws: ``AdminError`` `filter_required`, `invalid_parameter` for a status other than failed/dead.
    package func replayDeliveries(
        matching filter: DeliveryFilter, all: Bool, actor: String, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> BulkReplayResult {
        if let status = filter.status, status != .failed, status != .dead {
            throw AdminError.badRequest("invalid_parameter", "bulk replay re-queues only failed or dead deliveries, not \(status.rawValue); replay a sent one on its own with force")
        }
        if filter == DeliveryFilter(), !all {
            throw AdminError.badRequest("filter_required", "give at least one filter, or all (API \"all\": true, CLI --all) to re-queue every failed and dead delivery")
        }
        let result: BulkReplayResult
        if let progress {
            result = try await replayOneByOne(filter, progress: progress)
        } else {
            result = BulkReplayResult(requeued: try await store.replayAll(matching: filter, now: clock.now()), skipped: 0)
        }
        try await record(actor, "delivery.replay_bulk", target: nil, detail: Self.describe(filter).merging([
            "requeued": String(result.requeued), "skipped": String(result.skipped),
        ]) { $1 })
        return result
    }

    private func replayOneByOne(_ filter: DeliveryFilter, progress: @Sendable (Int, Int) -> Void) async throws -> BulkReplayResult {
        var ids: [Int64] = []
        for status in filter.status.map({ [$0] }) ?? [.failed, .dead] {
            var page = filter
            page.status = status
            var before: Int64?
            while true {
                let rows = try await store.deliveries(matching: page, limit: 500, before: before)
                ids += rows.map(\.id)
                guard rows.count == 500, let last = rows.last else { break }
                before = last.id
            }
        }
        ids.sort()
        var requeued = 0
        var skipped = 0
        progress(0, ids.count)
        for (index, id) in ids.enumerated() {
            do {
                _ = try await store.replay(id: id, force: false, now: clock.now())
                requeued += 1
            } catch is StoreError {
                skipped += 1
            }
            if (index + 1) % 100 == 0 || index + 1 == ids.count { progress(index + 1, ids.count) }
        }
        return BulkReplayResult(requeued: requeued, skipped: skipped)
    }

    static func describe(_ filter: DeliveryFilter) -> [String: String] {
        var detail: [String: String] = [:]
        detail["status"] = filter.status?.rawValue
        detail["channel"] = filter.channel?.rawValue
        detail["provider"] = filter.provider
        detail["invoice_id"] = filter.invoiceId
        detail["step"] = filter.step
        detail["created_from"] = filter.createdFrom.map { ISO8601DateFormatter().string(from: $0) }
        detail["created_to"] = filter.createdTo.map { ISO8601DateFormatter().string(from: $0) }
        return detail
    }

    static func deliveryNotFound(_ id: Int64) -> AdminError {
        AdminError.notFound("delivery_not_found", "no delivery \(id)")
    }
}
