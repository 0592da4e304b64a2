/// Filters for listing stored events (admin API, CLI).
public struct EventFilter: Sendable, Equatable {
    public var source: String?
    public var type: String?
    public var status: EventStatus?
    public var origin: EventOrigin?
    public var invoiceId: String?
    /// Only events seen again at least once.
    public var duplicatesOnly: Bool

    public init(source: String? = nil, type: String? = nil, status: EventStatus? = nil, origin: EventOrigin? = nil, invoiceId: String? = nil, duplicatesOnly: Bool = false) {
        self.source = source
        self.type = type
        self.status = status
        self.origin = origin
        self.invoiceId = invoiceId
        self.duplicatesOnly = duplicatesOnly
    }
}
