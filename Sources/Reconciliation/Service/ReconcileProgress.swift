/// A progress notification during a run: the phase and the report so far.
package struct ReconcileProgress: Sendable, Equatable {
    package enum Phase: String, Sendable, Equatable {
        /// A page of events was fetched (nothing applied yet: the window is applied oldest first once complete).
        case listingEvents = "listing"
        /// A page of events was committed together with the cursor.
        case applyingEvents = "applying"
        /// A page of invoices was compared (and corrected unless a dry run).
        case sweepingInvoices = "sweeping"
    }

    package var phase: Phase
    /// Pages of the window in total, once known (applying phase).
    package var totalPages: Int?
    /// Pages done in this phase.
    package var pagesDone: Int
    package var report: ReconcileReport

    package init(phase: Phase, totalPages: Int?, pagesDone: Int, report: ReconcileReport) {
        self.phase = phase
        self.totalPages = totalPages
        self.pagesDone = pagesDone
        self.report = report
    }
}
