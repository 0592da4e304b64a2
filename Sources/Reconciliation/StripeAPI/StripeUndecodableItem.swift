/// A list element Stripe sent that InvoiceRelay could not decode, kept for quarantine instead of failing its page.
public struct StripeUndecodableItem: Sendable, Equatable {
    /// The element's `id`, when it had a string one.
    public var id: String?
    /// Why decoding failed, e.g. `missing key "created"`; never contains secrets.
    public var reason: String
    /// The element's JSON exactly as it appeared in the page.
    public var raw: [UInt8]

    public init(id: String?, reason: String, raw: [UInt8]) {
        self.id = id
        self.reason = reason
        self.raw = raw
    }
}
