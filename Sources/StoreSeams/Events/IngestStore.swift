/// Durable, idempotent event intake: what the webhook ingest pipeline (`IngestBatcher`) writes through.
///
/// Every backend must make ``ingest(_:)`` exactly-once per `(source, eventId)`, even when copies of one event
/// arrive concurrently (on several connections or processes), and must apply each event to its invoice
/// by `InvoiceStateMachine`'s ordering rules: an older event never overwrites a newer one, a paid invoice
/// is not reopened.
package protocol IngestStore: Sendable {
    /// Stores each event and applies it to its invoice, all in ONE transaction (group commit), exactly once per
    /// `(source, eventId)`. When this returns, every success is durable; a duplicate changes nothing but a counter.
    /// Each event is isolated in a savepoint: one that fails is rolled back alone and the others still commit.
    /// - Returns: one outcome per event, in order.
    /// - Throws: when the transaction itself fails (nothing of the batch is stored).
    func ingest(_ events: [IncomingEvent]) async throws -> [Result<IngestResult, any Error>]
}
