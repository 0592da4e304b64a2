/// A signature header of the form `k=v<sep>k=v...` (Stripe uses `,`, Paddle `;`).
///
/// Scans the UTF-8 bytes: separators, `=` and spaces are ASCII, so byte positions are always valid string indices,
/// and no grapheme breaking is needed on every request.
struct SignatureHeaderFields: Sendable {
    private(set) var pairs: [(key: Substring, value: Substring)] = []

    /// Splits `header` into pairs; surrounding spaces are ignored and empty items skipped.
    /// - Returns: `nil` when an item has no `=` (not this format at all).
    init?(_ header: String, separator: Character) {
        guard let separator = separator.asciiValue else { return nil }
        let whole = Substring(header).utf8
        var itemStart = whole.startIndex
        // One pass over the bytes, no intermediate array of items: this runs on every webhook.
        while itemStart < whole.endIndex {
            let itemEnd = whole[itemStart...].firstIndex(of: separator) ?? whole.endIndex
            let item = whole[itemStart..<itemEnd].trimmingASCIISpaces()
            itemStart = itemEnd < whole.endIndex ? whole.index(after: itemEnd) : itemEnd
            if item.isEmpty { continue }
            guard let equals = item.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            let key = item[..<equals].trimmingASCIISpaces()
            let value = item[item.index(after: equals)...].trimmingASCIISpaces()
            pairs.append((Substring(key), Substring(value)))
        }
    }

    func values(for key: String) -> [Substring] {
        pairs.compactMap { $0.key.utf8.elementsEqual(key.utf8) ? $0.value : nil }
    }
}

extension Substring.UTF8View {
    /// Without leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> Substring.UTF8View {
        let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
