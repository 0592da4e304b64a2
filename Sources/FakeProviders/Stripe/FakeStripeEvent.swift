/// An event stored in the fake Stripe: the keys it is listed and filtered by, and the JSON served verbatim.
public struct FakeStripeEvent: Sendable, Equatable {
    /// `evt_...`
    public var id: String
    /// e.g. `invoice.paid`
    public var type: String
    /// Unix seconds; events list newest first by `created`, then by newest insertion.
    public var created: Int64
    /// The event JSON exactly as `/v1/events` will return it inside `data`.
    public var json: [UInt8]

    public init(id: String, type: String, created: Int64, json: [UInt8]) {
        self.id = id
        self.type = type
        self.created = created
        self.json = json
    }
}
