/// A list element Stripe sent that InvoiceRelay could not decode, kept for quarantine instead of failing its page.
package struct StripeUndecodableItem: Sendable, Equatable {
    /// The element's `id`, when it had a string one.
    package var id: String?
    /// Why decoding failed, e.g. `missing key "created"`; never contains secrets.
    package var reason: String
    /// The element's JSON exactly as it appeared in the page.
    package var raw: [UInt8]

    package init(id: String?, reason: String, raw: [UInt8]) {
        self.id = id
        self.reason = reason
        self.raw = raw
    }
}
