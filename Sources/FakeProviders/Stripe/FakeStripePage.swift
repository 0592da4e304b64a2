/// Stripe's cursor pagination over a list already sorted newest first.
enum FakeStripePage {
    /// The page of `items` that Stripe would return.
    ///
    /// A cursor is a position in the full (unfiltered) list, so it stays valid even when its object does not match
    /// the filters. `ending_before` returns the `limit` matching items just before the cursor, still newest first.
    /// - Returns: The page and `has_more`, or the `resource_missing` rejection for an unknown cursor.
    static func paginate<Item>(
        _ items: [Item],
        id: (Item) -> String,
        matches: (Item) -> Bool,
        parameters: FakeStripeListParameters,
        objectName: String
    ) -> Result<(page: [Item], hasMore: Bool), FakeStripeRejection> {
        if let cursor = parameters.startingAfter {
            guard let position = items.firstIndex(where: { id($0) == cursor }) else {
                return .failure(missing(cursor, objectName: objectName, param: "starting_after"))
            }
            let candidates = items[(position + 1)...].filter(matches)
            return .success((Array(candidates.prefix(parameters.limit)), candidates.count > parameters.limit))
        }
        if let cursor = parameters.endingBefore {
            guard let position = items.firstIndex(where: { id($0) == cursor }) else {
                return .failure(missing(cursor, objectName: objectName, param: "ending_before"))
            }
            let candidates = items[..<position].filter(matches)
            return .success((Array(candidates.suffix(parameters.limit)), candidates.count > parameters.limit))
        }
        let candidates = items.filter(matches)
        return .success((Array(candidates.prefix(parameters.limit)), candidates.count > parameters.limit))
    }

    private static func missing(_ cursor: String, objectName: String, param: String) -> FakeStripeRejection {
        FakeStripeRejection(message: "No such \(objectName): '\(cursor)'", code: "resource_missing", param: param)
    }
}
