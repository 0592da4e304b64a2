/// One page of a list, newest first unless the list says otherwise. `next_cursor` is always present:
/// pass it back as `cursor` for the next page; `null` on the last page.
package struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    package var data: [Item]
    package var nextCursor: String?

    package init(data: [Item], nextCursor: String?) {
        self.data = data
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey { case data, nextCursor }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

extension Page {
    /// Builds a page from `limit + 1` fetched rows: the extra row only proves there is a next page.
    init<Row>(rows: [Row], limit: Int, cursor: (Row) -> String, map: (Row) -> Item) {
        let visible = Array(rows.prefix(limit))
        self.init(data: visible.map(map), nextCursor: rows.count > limit ? visible.last.map(cursor) : nil)
    }
}
