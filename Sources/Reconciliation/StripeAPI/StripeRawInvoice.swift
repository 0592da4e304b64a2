/// A Stripe invoice from `GET /v1/invoices`, the provider's current truth for the drift sweep.
package struct StripeRawInvoice: Sendable, Equatable {
    /// `in_...`
    package var id: String
    /// `draft`, `open`, `paid`, `uncollectible` or `void`.
    package var status: String?
    /// Unix seconds, Stripe's clock.
    package var created: Int64
    /// The invoice JSON, byte for byte as it appeared inside the list page.
    package var raw: [UInt8]

    package init(id: String, status: String?, created: Int64, raw: [UInt8]) {
        self.id = id
        self.status = status
        self.created = created
        self.raw = raw
    }
}
