/// What an admin API token may do: `read` for GET routes only, `admin` for every route.
package enum TokenScope: String, Sendable, Codable, CaseIterable {
    case read
    case admin

    /// Whether a token of this scope may call a route that needs `required`.
    package func allows(_ required: TokenScope) -> Bool {
        self == .admin || required == .read
    }
}
