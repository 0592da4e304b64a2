import Foundation

/// Finds the byte ranges of values inside a JSON document that is already known to be well-formed.
///
/// Used to hand each element of a Stripe list to the webhook decoder exactly as Stripe serialised it, rather than
/// a re-encoding that could reorder keys or alter numbers.
///
/// Not the StripeEvents `JSONScanner`: that one gives up on escaped keys, exponents and deep nesting (its caller
/// then takes a slower path), whereas a list page must be sliced whatever its elements hold.
struct JSONByteScanner {
    private let bytes: [UInt8]
    private var index: Int

    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.index = 0
    }

    /// The elements of the array stored under `name` in the top-level object, or `nil` when there is no such array.
    mutating func topLevelArray(named name: String) throws(StripeListPageError) -> [ArraySlice<UInt8>]? {
        index = 0
        skipWhitespace()
        try expect(UInt8(ascii: "{"))
        while true {
            skipWhitespace()
            if try peek() == UInt8(ascii: "}") { return nil }
            let keyRange = try scanString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            if decodeKey(keyRange) == name {
                guard try peek() == UInt8(ascii: "[") else { return nil }
                return try scanArrayElements()
            }
            _ = try scanValue()
            skipWhitespace()
            if try peek() == UInt8(ascii: ",") { index += 1 }
        }
    }

    // MARK: - Scanning

    private mutating func scanArrayElements() throws(StripeListPageError) -> [ArraySlice<UInt8>] {
        try expect(UInt8(ascii: "["))
        var elements: [ArraySlice<UInt8>] = []
        while true {
            skipWhitespace()
            let next = try peek()
            if next == UInt8(ascii: "]") {
                index += 1
                return elements
            }
            if next == UInt8(ascii: ",") {
                index += 1
                continue
            }
            elements.append(bytes[try scanValue()])
        }
    }

    /// Skips one value and returns its range.
    private mutating func scanValue() throws(StripeListPageError) -> Range<Int> {
        let start = index
        switch try peek() {
        case UInt8(ascii: "\""):
            return try scanString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    _ = try scanString()
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return start..<index
                    }
                default:
                    break
                }
                index += 1
            }
            throw StripeListPageError(reason: "unterminated JSON container")
        default:
            while index < bytes.count, !Self.scalarTerminators.contains(bytes[index]) { index += 1 }
            return start..<index
        }
    }

    /// Skips a string, returning its range including the quotes.
    private mutating func scanString() throws(StripeListPageError) -> Range<Int> {
        let start = index
        try expect(UInt8(ascii: "\""))
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                index += 2
            case UInt8(ascii: "\""):
                index += 1
                return start..<index
            default:
                index += 1
            }
        }
        throw StripeListPageError(reason: "unterminated JSON string")
    }

    private func decodeKey(_ range: Range<Int>) -> String? {
        let inner = bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]
        if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
        return try? JSONDecoder().decode(String.self, from: Data(bytes[range]))
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, Self.whitespace.contains(bytes[index]) { index += 1 }
    }

    private func peek() throws(StripeListPageError) -> UInt8 {
        guard index < bytes.count else { throw StripeListPageError(reason: "unexpected end of JSON") }
        return bytes[index]
    }

    private mutating func expect(_ byte: UInt8) throws(StripeListPageError) {
        guard try peek() == byte else {
            throw StripeListPageError(reason: "unexpected byte in JSON at offset \(index)")
        }
        index += 1
    }

    private static let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
    private static let scalarTerminators: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")]
}
