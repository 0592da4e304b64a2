/// A Stripe invoice from `GET /v1/invoices`, the provider's current truth for the drift sweep.
public struct StripeRawInvoice: Sendable, Equatable {
    /// `in_...`
    public var id: String
    /// `draft`, `open`, `paid`, `uncollectible` or `void`.
    public var status: String?
    /// Unix seconds, Stripe's clock.
    public var created: Int64
    /// The invoice JSON, byte for byte as it appeared inside the list page.
    public var raw: [UInt8]

    public init(id: String, status: String?, created: Int64, raw: [UInt8]) {
        self.id = id
        self.status = status
        self.created = created
        self.raw = raw
    }
}
