/// A conservative check that every string and number in a body is one `JSONDecoder` converts without error.
///
/// `JSONDecoder` checks a body's structure up front but converts a string or number only when a `Decodable`
/// asks for it, so a malformed value in a field nobody reads (`"\q"`, a raw control character, invalid UTF-8,
/// `01`, `1.`, `2e308`) goes unnoticed. The schema-less ``JSONValue`` decode reads every value and calls such
/// a body invalid; the typed fast path skips unread fields and may only run where this check passes, so both
/// agree. It builds nothing and checks no structure (the decoder does that); it says `false` for anything
/// unusual, which only sends the body down the slower, exhaustive path.
enum JSONTokenCheck {
    /// `true` when every string (key or value) and every number in `body` is plainly convertible:
    /// valid UTF-8, no raw control characters, simple escapes, and short numbers without an exponent.
    static func tokensAreConvertible(_ body: [UInt8]) -> Bool {
        body.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    guard let end = endOfString(bytes, openingQuote: index) else { return false }
                    index = end
                } else if byte == UInt8(ascii: "-") || isDigit(byte) {
                    var end = index
                    while end < bytes.count, isNumberByte(bytes[end]) { end += 1 }
                    guard isPlainNumber(bytes[index..<end]) else { return false }
                    index = end
                } else if byte >= 0x80 {
                    return false
                } else {
                    index += 1
                }
            }
            return true
        }
    }

    // MARK: - Strings

    /// The index after the closing quote, or `nil` when the string is unterminated or holds something unusual.
    private static func endOfString(_ bytes: UnsafeBufferPointer<UInt8>, openingQuote: Int) -> Int? {
        var index = openingQuote + 1
        var isASCII = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let contents = UnsafeBufferPointer(rebasing: bytes[(openingQuote + 1)..<index])
                return isASCII || isValidUTF8(contents) ? index + 1 : nil
            } else if byte == UInt8(ascii: "\\") {
                guard let length = escapeLength(bytes, at: index) else { return nil }
                index += length
            } else if byte < 0x20 {
                return nil
            } else {
                if byte >= 0x80 { isASCII = false }
                index += 1
            }
        }
        return nil
    }

    private static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var codec = UTF8()
        while true {
            switch codec.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    private static func escapeLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard index + 1 < bytes.count else { return nil }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"),
             UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return 2
        case UInt8(ascii: "u"):
            guard index + 5 < bytes.count else { return nil }
            var scalar: UInt32 = 0
            for byte in bytes[(index + 2)...(index + 5)] {
                guard let digit = hexValue(byte) else { return nil }
                scalar = scalar << 4 | digit
            }
            return (0xD800...0xDFFF).contains(scalar) ? nil : 6
        default:
            return nil
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    // MARK: - Numbers

    /// Longer numbers (or any exponent) could overflow a `Double`; they are left to the exhaustive path.
    private static let maximumNumberLength = 32

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, at most ``maximumNumberLength`` bytes.
    private static func isPlainNumber(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard token.count <= maximumNumberLength else { return false }
        var rest = token[...]
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        let integer = rest.prefix(while: isDigit)
        guard let first = integer.first, first != UInt8(ascii: "0") || integer.count == 1 else { return false }
        rest = rest.dropFirst(integer.count)
        if rest.isEmpty { return true }
        guard rest.first == UInt8(ascii: "."), rest.count > 1 else { return false }
        return rest.dropFirst().allSatisfy(isDigit)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Every byte the decoder's scanner may take as part of a number.
    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): true
        default: false
        }
    }
}
