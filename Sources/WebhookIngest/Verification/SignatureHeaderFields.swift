/// A signature header of the form `k=v<sep>k=v...` (Stripe uses `,`, Paddle `;`).
struct SignatureHeaderFields: Sendable {
    private(set) var pairs: [(key: Substring, value: Substring)] = []

    /// Splits `header` into pairs; surrounding spaces are ignored and empty items skipped.
    /// - Returns: `nil` when an item has no `=` (not this format at all).
    init?(_ header: String, separator: Character) {
        for item in header.split(separator: separator, omittingEmptySubsequences: true) {
            let trimmed = item.trimmingASCIISpaces()
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else { return nil }
            pairs.append((trimmed[..<equals].trimmingASCIISpaces(), trimmed[trimmed.index(after: equals)...].trimmingASCIISpaces()))
        }
    }

    func values(for key: String) -> [Substring] {
        pairs.filter { $0.key == key }.map(\.value)
    }
}

extension Substring {
    func trimmingASCIISpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        return self[first...last]
    }
}
