import Foundation
import InvoiceDomain
import StoreSeams
import Logging

// MARK: - State sweep (first run, or a gap longer than the provider keeps events)

extension Reconciler {
    /// Lists invoices by status and makes local state match each one, recording drift; then (unless a dry run)
    /// sets the cursor to the sweep's start minus the overlap, so the next run reads events from there.
    func sweep(
        cursor: ReconcileCursor?,
        dryRun: Bool,
        startedAt: Date,
        progress: (@Sendable (ReconcileProgress) -> Void)?
    ) async throws -> ReconcileReport {
        var report = ReconcileReport(mode: .sweep, dryRun: dryRun, startedAt: startedAt)
        report.cursor = cursor
        let (client, limit, source) = (client, configuration.pageLimit, configuration.source)
        for status in configuration.sweepStatuses {
            var startingAfter: String?
            while true {
                let after = startingAfter
                let page = try await call("GET /v1/invoices") { () async throws(StripeAPIError) in
                    try await client.listInvoices(status: status, createdGte: nil, startingAfter: after, limit: limit)
                }
                report.pages += 1
                let now = clock.now()
                for invoice in page.data {
                    report.invoicesSwept += 1
                    try await correct(invoice, source: source, at: now, dryRun: dryRun, report: &report)
                }
                for item in page.undecodable {
                    report.invoicesSwept += 1
                    report.invoicesSkipped += 1
                    logger.warning("reconciliation sweep: undecodable invoice skipped", metadata: [
                        "invoice_id": .string(item.id ?? "unknown"), "reason": .string(item.reason),
                    ])
                }
                progress?(ReconcileProgress(phase: .sweepingInvoices, totalPages: nil, pagesDone: report.pages, report: report))
                guard page.hasMore else { break }
                guard let next = page.lastId else {
                    throw ReconcileError(.providerRejected(.decoding("list says has_more but its page has no element id")))
                }
                startingAfter = next
            }
        }
        if !dryRun {
            let restart = Int64((startedAt.timeIntervalSince1970 - configuration.overlap).rounded(.down))
            let next = ReconcileCursor(source: source, lastCreated: max(restart, cursor?.lastCreated ?? restart), lastEventId: nil, updatedAt: clock.now())
            try await store.saveCursor(next)
            report.cursor = next
            report.cursorMoved = true
        }
        return report
    }

    private func correct(_ invoice: StripeRawInvoice, source: String, at now: Date, dryRun: Bool, report: inout ReconcileReport) async throws {
        switch StripeInvoiceSnapshot.decode(invoice, source: source, at: now) {
        case .failure(let error):
            report.invoicesSkipped += 1
            logger.warning("reconciliation sweep: invoice skipped", metadata: [
                "invoice_id": .string(invoice.id), "reason": .string(error.reason),
            ])
        case .success(let snapshot):
            let drift: [DriftRecord]
            do {
                drift = try await store.correctInvoice(source: source, snapshot: snapshot, observedAt: now, dryRun: dryRun)
            } catch let error as StoreError {
                report.invoicesSkipped += 1
                logger.warning("reconciliation sweep: invoice not corrected", metadata: [
                    "invoice_id": .string(invoice.id), "reason": .string("\(error)"),
                ])
                return
            }
            guard !drift.isEmpty else { return }
            report.driftCorrections += 1
            report.drift += drift
            logger.notice(dryRun ? "reconciliation sweep: drift found (dry run)" : "reconciliation sweep: drift corrected", metadata: [
                "invoice_id": .string(invoice.id), "fields": .string(drift.map(\.field).joined(separator: ",")),
            ])
        }
    }
}
