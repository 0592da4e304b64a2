package import Foundation
package import StoreSeams

/// What one reconciliation run did, for the CLI summary, logs and metrics.
///
/// In a dry run nothing is written: ``applied`` counts events that *would* change an invoice, ``alreadyKnown``
/// those that would change nothing, and ``drift`` lists what would be corrected (`fixed == false`).
package struct ReconcileReport: Sendable, Equatable {
    /// How the run read the provider.
    package enum Mode: String, Sendable, Equatable {
        /// `GET /v1/events` from the cursor.
        case events
        /// `GET /v1/invoices` state sweep (first run, or a cursor older than the provider's event retention).
        case sweep
    }

    package var mode: Mode
    package var dryRun: Bool
    package var startedAt: Date
    package var finishedAt: Date
    /// `created[gte]` of the events window; `nil` for a sweep.
    package var windowStart: Date?
    /// List pages fetched (events or invoices).
    package var pages: Int = 0
    /// Events listed, decodable or not.
    package var eventsSeen: Int = 0
    /// Events stored for the first time that changed an invoice: missed webhooks caught.
    package var applied: Int = 0
    /// Events already stored (by webhook or an earlier run): nothing changed.
    package var alreadyKnown: Int = 0
    /// Events stored for the first time that were older than the invoice's state (nothing changed).
    package var superseded: Int = 0
    /// Events stored for the first time of a type InvoiceRelay does not handle.
    package var ignored: Int = 0
    /// Events stored for the first time in quarantine (undecodable list items, invalid payloads).
    package var quarantined: Int = 0
    /// Events taken in whose `api_version` differs from the pinned `Stripe-Version`.
    package var apiVersionDrift: Int = 0
    /// Invoices read by a sweep.
    package var invoicesSwept: Int = 0
    /// Invoices read by a sweep that could not be decoded (logged, skipped).
    package var invoicesSkipped: Int = 0
    /// Invoices whose local state differed from the provider (corrected unless a dry run).
    package var driftCorrections: Int = 0
    /// Every differing field found, newest run only.
    package var drift: [DriftRecord] = []
    /// `created` of the newest provider event seen.
    package var newestEventAt: Date?
    /// The cursor after the run (unchanged by a dry run).
    package var cursor: ReconcileCursor?
    /// Whether the run saved the cursor (not in a dry run, nor for a `since` window starting after the cursor).
    package var cursorMoved: Bool = false

    package init(mode: Mode, dryRun: Bool, startedAt: Date, windowStart: Date? = nil) {
        self.mode = mode
        self.dryRun = dryRun
        self.startedAt = startedAt
        self.finishedAt = startedAt
        self.windowStart = windowStart
    }

    /// Events stored for the first time by this run (the provider had them, we did not).
    package var recovered: Int { applied + superseded + ignored + quarantined }
}
