/// Filters for listing stored events (admin API, CLI).
package struct EventFilter: Sendable, Equatable {
    package var source: String?
    package var type: String?
    package var status: EventStatus?
    package var origin: EventOrigin?
    package var invoiceId: String?
    /// Only events seen again at least once.
    package var duplicatesOnly: Bool

    package init(source: String? = nil, type: String? = nil, status: EventStatus? = nil, origin: EventOrigin? = nil, invoiceId: String? = nil, duplicatesOnly: Bool = false) {
        self.source = source
        self.type = type
        self.status = status
        self.origin = origin
        self.invoiceId = invoiceId
        self.duplicatesOnly = duplicatesOnly
    }
}
