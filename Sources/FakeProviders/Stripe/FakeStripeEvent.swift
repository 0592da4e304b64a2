/// An event stored in the fake Stripe: the keys it is listed and filtered by, and the JSON served verbatim.
package struct FakeStripeEvent: Sendable, Equatable {
    /// `evt_...`
    package var id: String
    /// e.g. `invoice.paid`
    package var type: String
    /// Unix seconds; events list newest first by `created`, then by newest insertion.
    package var created: Int64
    /// The event JSON exactly as `/v1/events` will return it inside `data`.
    package var json: [UInt8]

    package init(id: String, type: String, created: Int64, json: [UInt8]) {
        self.id = id
        self.type = type
        self.created = created
        self.json = json
    }
}
