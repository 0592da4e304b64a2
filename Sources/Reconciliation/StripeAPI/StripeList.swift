/// One page of a Stripe list endpoint (`{"object":"list","data":[...],"has_more":...,"url":...}`).
///
/// Elements that could not be decoded do not fail the page: they are set aside in ``undecodable`` with their raw
/// bytes so the caller can quarantine them while still advancing past them.
package struct StripeList<Item: Sendable>: Sendable {
    /// Decoded elements, in the order Stripe returned them (newest first for events and invoices).
    package var data: [Item]
    /// Whether more elements exist past the last one of this page.
    package var hasMore: Bool
    /// The list's URL path as Stripe reports it, e.g. `/v1/events`.
    package var url: String?
    /// Elements of this page that failed to decode, in page order.
    package var undecodable: [StripeUndecodableItem]
    /// Id of the last element of the page, decodable or not: the `starting_after` cursor for the next page.
    package var lastId: String?

    package init(
        data: [Item], hasMore: Bool, url: String?, undecodable: [StripeUndecodableItem] = [], lastId: String? = nil
    ) {
        self.data = data
        self.hasMore = hasMore
        self.url = url
        self.undecodable = undecodable
        self.lastId = lastId
    }
}

extension StripeList: Equatable where Item: Equatable {}
