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
