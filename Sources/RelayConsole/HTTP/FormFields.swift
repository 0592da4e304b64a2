import Foundation

/// Name/value pairs of a query string or an `application/x-www-form-urlencoded` body, in order.
struct FormFields: Sendable {
    private(set) var pairs: [(String, String)]

    /// Parses `a=1&b=two+words`; `+` is a space, `%XX` is decoded, a malformed escape keeps its text.
    init(encoded: String) {
        pairs = encoded.split(separator: "&", omittingEmptySubsequences: true).map { field in
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    init(pairs: [(String, String)]) {
        self.pairs = pairs
    }

    /// The first value of `name`.
    subscript(_ name: String) -> String? {
        pairs.first { $0.0 == name }?.1
    }

    /// The pairs named in `names` whose value is not empty: what a filter form submits, minus the blank fields
    /// (the admin service refuses empty values, a form always sends them).
    func filled(_ names: Set<String>) -> [(String, String)] {
        pairs.filter { names.contains($0.0) && !$0.1.isEmpty }
    }

    /// `a=1&b=2` with every name and value escaped.
    static func encode(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }
}
