import Foundation

extension String {
    /// Without leading and trailing whitespace and newlines, as `trimmingCharacters(in: .whitespacesAndNewlines)`,
    /// but without Foundation's round trip through `NSString` (which decodes the whole string as UTF-16) when
    /// the ends are ASCII: ASCII whitespace (space, tab, CR, LF, VT, FF) is cut by bytes, and Foundation is asked
    /// only when a non-ASCII character remains at an end (it may be Unicode whitespace). Rendered reminders end
    /// in a newline, so this runs on every one of them.
    package var trimmed: String {
        let bytes = utf8
        func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        guard let start = bytes.firstIndex(where: { !isASCIIWhitespace($0) }),
              let last = bytes.lastIndex(where: { !isASCIIWhitespace($0) }) else {
            return ""
        }
        let first = bytes[start]
        let final = bytes[last]
        guard first > 0x20, first < 0x7F, final > 0x20, final < 0x7F else {
            return String(self[start...last]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if start == bytes.startIndex, last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[start...last])
    }
}
