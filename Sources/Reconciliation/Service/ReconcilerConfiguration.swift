package import Foundation
package import InvoiceDomain

/// How a ``Reconciler`` reads the provider's event stream: which source it feeds, how far it re-reads, how fast
/// and how persistently it calls the API.
package struct ReconcilerConfiguration: Sendable, Equatable {
    /// The webhook source name events are stored under (`(source, evt_id)` is the idempotency key).
    package var source: String
    /// Event types requested (`types[]`); defaults to every type the decoder handles.
    package var eventTypes: [String]
    /// Page size for `/v1/events` and `/v1/invoices` (Stripe allows 1...100).
    package var pageLimit: Int
    /// How far behind the cursor each run re-reads, in seconds, to catch events that became visible late or
    /// share the cursor's `created` second. Already-known events in the overlap change nothing.
    package var overlap: TimeInterval
    /// Ceiling on API calls per second (Stripe allows 25 in test mode, 100 live).
    package var requestsPerSecond: Double
    /// Requests allowed back to back before the rate applies; 1 spaces every call evenly.
    package var requestBurst: Double
    /// Retries of one page after a retryable failure (429, 5xx, timeout, transport) before the run fails.
    package var maxRetries: Int
    /// Backoff between retries (full jitter); `maxAttempts` is ignored in favour of ``maxRetries``.
    package var backoff: BackoffPolicy
    /// Longest `Retry-After` honoured as given; longer hints are clamped to this.
    package var maxRetryAfter: TimeInterval
    /// How long the provider keeps events; a cursor older than this falls back to an invoice sweep.
    package var eventRetention: TimeInterval
    /// Invoice statuses listed by the sweep, in order (an invoice moving along its lifecycle mid-sweep is seen
    /// last in its later status).
    package var sweepStatuses: [String]
    /// Seed for backoff jitter (tests); `nil` uses the system generator.
    package var jitterSeed: UInt64?

    package init(
        source: String = "stripe",
        eventTypes: [String] = InvoiceEventKind.allCases.map(\.rawValue),
        pageLimit: Int = 100,
        overlap: TimeInterval = 300,
        requestsPerSecond: Double = 20,
        requestBurst: Double = 1,
        maxRetries: Int = 5,
        backoff: BackoffPolicy = BackoffPolicy(base: 1, cap: 30, maxAttempts: 6),
        maxRetryAfter: TimeInterval = 300,
        eventRetention: TimeInterval = 30 * 86_400,
        sweepStatuses: [String] = ["open", "uncollectible", "paid", "void"],
        jitterSeed: UInt64? = nil
    ) {
        self.source = source
        self.eventTypes = eventTypes
        self.pageLimit = min(max(pageLimit, 1), 100)
        self.overlap = max(overlap, 0)
        self.requestsPerSecond = requestsPerSecond
        self.requestBurst = requestBurst
        self.maxRetries = max(maxRetries, 0)
        self.backoff = backoff
        self.maxRetryAfter = max(maxRetryAfter, 0)
        self.eventRetention = eventRetention
        self.sweepStatuses = sweepStatuses
        self.jitterSeed = jitterSeed
    }
}
