package import InvoiceDomain

/// What the admin surface (API and CLI) reads about invoices: listings, and the drift reconciliation found on one.
package protocol InvoiceQueries: InvoiceLookup {
    /// Ordered by id; `after` is the id of the last row of the previous page.
    func invoices(matching filter: InvoiceFilter, limit: Int, after: String?) async throws -> [Invoice]

    /// Drift recorded by reconciliation (``ReconcileStore/correctInvoice(source:snapshot:observedAt:dryRun:)``),
    /// for one invoice or for all when `invoiceId` is `nil`. Newest first.
    func drifts(invoiceId: String?, limit: Int) async throws -> [DriftRecord]
}
