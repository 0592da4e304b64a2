/// The durable result of ingesting one event.
package enum IngestResult: Sendable, Equatable {
    /// First time we saw `(source, eventId)`: stored (and applied if it was applicable) in one transaction.
    case stored(id: Int64, status: EventStatus, reason: String?)
    /// Seen before; nothing changed. Carries the status of the first copy.
    case duplicate(id: Int64, status: EventStatus)

    package var eventRowId: Int64 {
        switch self {
        case .stored(let id, _, _), .duplicate(let id, _): id
        }
    }
}
