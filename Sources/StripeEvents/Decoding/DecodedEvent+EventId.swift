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

extension DecodedEvent {
    /// Why the body is not a well-formed JSON object at all, or `nil` when it is one (whether or not its fields are usable).
    ///
    /// The webhook endpoint refuses such a body (400) rather than quarantining it: there is nothing in it to re-process.
    package var malformedBodyReason: String? {
        guard case .invalid(nil, nil, nil, let reason) = self,
              reason == StripeEventDecoder.notJSON || reason == StripeEventDecoder.notAnObject
        else { return nil }
        return reason
    }
}
