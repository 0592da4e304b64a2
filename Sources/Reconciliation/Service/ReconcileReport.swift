import Foundation
import StoreSeams

/// What one reconciliation run did, for the CLI summary, logs and metrics.
///
/// In a dry run nothing is written: ``applied`` counts events that *would* change an invoice, ``alreadyKnown``
/// those that would change nothing, and ``drift`` lists what would be corrected (`fixed == false`).
public struct ReconcileReport: Sendable, Equatable {
    /// How the run read the provider.
    public enum Mode: String, Sendable, Equatable {
        /// `GET /v1/events` from the cursor.
        case events
        /// `GET /v1/invoices` state sweep (first run, or a cursor older than the provider's event retention).
        case sweep
    }

    public var mode: Mode
    public var dryRun: Bool
    public var startedAt: Date
    public var finishedAt: Date
    /// `created[gte]` of the events window; `nil` for a sweep.
    public var windowStart: Date?
    /// List pages fetched (events or invoices).
    public var pages: Int = 0
    /// Events listed, decodable or not.
    public var eventsSeen: Int = 0
    /// Events stored for the first time that changed an invoice: missed webhooks caught.
    public var applied: Int = 0
    /// Events already stored (by webhook or an earlier run): nothing changed.
    public var alreadyKnown: Int = 0
    /// Events stored for the first time that were older than the invoice's state (nothing changed).
    public var superseded: Int = 0
    /// Events stored for the first time of a type InvoiceRelay does not handle.
    public var ignored: Int = 0
    /// Events stored for the first time in quarantine (undecodable list items, invalid payloads).
    public var quarantined: Int = 0
    /// Events taken in whose `api_version` differs from the pinned `Stripe-Version`.
    public var apiVersionDrift: Int = 0
    /// Invoices read by a sweep.
    public var invoicesSwept: Int = 0
    /// Invoices read by a sweep that could not be decoded (logged, skipped).
    public var invoicesSkipped: Int = 0
    /// Invoices whose local state differed from the provider (corrected unless a dry run).
    public var driftCorrections: Int = 0
    /// Every differing field found, newest run only.
    public var drift: [DriftRecord] = []
    /// `created` of the newest provider event seen.
    public var newestEventAt: Date?
    /// The cursor after the run (unchanged by a dry run).
    public var cursor: ReconcileCursor?
    /// Whether the run saved the cursor (not in a dry run, nor for a `since` window starting after the cursor).
    public var cursorMoved: Bool = false

    public init(mode: Mode, dryRun: Bool, startedAt: Date, windowStart: Date? = nil) {
        self.mode = mode
        self.dryRun = dryRun
        self.startedAt = startedAt
        self.finishedAt = startedAt
        self.windowStart = windowStart
    }

    /// Events stored for the first time by this run (the provider had them, we did not).
    public var recovered: Int { applied + superseded + ignored + quarantined }
}
