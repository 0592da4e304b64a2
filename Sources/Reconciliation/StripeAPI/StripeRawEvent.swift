/// A Stripe event from `GET /v1/events`, with just enough decoded to order and filter it.
///
/// `raw` is the event's own JSON, byte for byte as it appeared inside the list page, so it can go through the same
/// decoder as a webhook body.
package struct StripeRawEvent: Sendable, Equatable {
    /// `evt_...`
    package var id: String
    /// e.g. `invoice.paid`
    package var type: String
    /// Unix seconds, Stripe's clock.
    package var created: Int64
    /// The API version the payload is rendered in (the account's version when the event was created).
    package var apiVersion: String?
    /// The event JSON.
    package var raw: [UInt8]

    package init(id: String, type: String, created: Int64, apiVersion: String?, raw: [UInt8]) {
        self.id = id
        self.type = type
        self.created = created
        self.apiVersion = apiVersion
        self.raw = raw
    }
}
