package import InvoiceDomain

/// One invoice by id: what reconciliation (`Reconciler`) and the admin template preview read.
/// Invoices are written only through ingest (``IngestStore``, ``ReconcileStore``).
package protocol InvoiceLookup: Sendable {
    /// The invoice as stored now, or `nil` when we have never seen it.
    func invoice(id: String) async throws -> Invoice?
}
