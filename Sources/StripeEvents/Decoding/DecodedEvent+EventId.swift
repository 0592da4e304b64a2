import InvoiceDomain
extension DecodedEvent {
    /// The event's own `id`, when the body had a usable one: the idempotency key unless the scheme gives a delivery id.
    package var eventId: String? {
        switch self {
        case .invoice(let event): event.eventId
        case .ignored(let eventId, _, _): eventId
        case .invalid(let eventId, _, _, _): eventId
        }
    }
}
