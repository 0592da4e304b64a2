import Foundation

extension String {
    /// Without leading and trailing whitespace and newlines, as `trimmingCharacters(in: .whitespacesAndNewlines)`,
    /// but without Foundation's round trip through `NSString` when there is nothing to trim (both ends are
    /// visible ASCII), which is nearly always on the reminder path.
    public var trimmed: String {
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return self
        }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
