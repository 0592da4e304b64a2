/// A single forward pass over a JSON document's bytes: checks the structure as it goes, hands over the few values
/// the caller asks for, and skips the rest without building anything.
///
/// Runs only after ``JSONTokenCheck`` passed, so strings are valid UTF-8 with simple escapes (no surrogates) and
/// numbers are plain; what it meets beyond that (an escaped key, a number with a fraction where an integer is
/// read, deep nesting) it reports as unreadable, which sends the body down the exhaustive path.
/// ``StripeFieldValues`` drives it with the ``StripeField`` table.
struct JSONScanner {
    /// What a member's value turned out to be, for fields read with ``string()`` and ``integer()``.
    enum Read<Value> {
        /// The value, of the expected type.
        case value(Value)
        /// `null`.
        case null
        /// Some other type: skipped, for the caller to call a problem.
        case mismatch
    }

    /// The structure is broken or holds something this scanner leaves to the exhaustive path.
    struct Unreadable: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 64

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: - Document

    /// Reads the top-level object, calling `member` with each key (raw bytes; escaped keys are unreadable);
    /// `member` must consume the value. Then checks that nothing but whitespace follows.
    mutating func document(_ member: (Slice<UnsafeBufferPointer<UInt8>>, inout JSONScanner) throws -> Void) throws {
        skipWhitespace()
        guard peek == UInt8(ascii: "{") else { throw Unreadable() }
        try object(member)
        skipWhitespace()
        guard index == bytes.count else { throw Unreadable() }
    }

    /// Reads an object at the current position (after whitespace), calling `member` for each key.
    mutating func object(_ member: (Slice<UnsafeBufferPointer<UInt8>>, inout JSONScanner) throws -> Void) throws {
        try enter(UInt8(ascii: "{"))
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return
        }
        while true {
            skipWhitespace()
            let key = try rawString()
            guard !key.contains(UInt8(ascii: "\\")) else { throw Unreadable() }
            skipWhitespace()
            try consume(UInt8(ascii: ":"))
            skipWhitespace()
            try member(key, &self)
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                index += 1
            } else {
                try consume(UInt8(ascii: "}"))
                depth -= 1
                return
            }
        }
    }

    /// Reads an array at the current position, calling `element` for each element (which must consume it).
    mutating func array(_ element: (inout JSONScanner) throws -> Void) throws {
        try enter(UInt8(ascii: "["))
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return
        }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                index += 1
            } else {
                try consume(UInt8(ascii: "]"))
                depth -= 1
                return
            }
        }
    }

    // MARK: - Values

    /// The first byte of the value at the current position (after whitespace).
    var peek: UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    /// Skips one value of any type, checking its structure.
    mutating func skipValue() throws {
        skipWhitespace()
        switch peek {
        case UInt8(ascii: "{")?: try object { _, scanner in try scanner.skipValue() }
        case UInt8(ascii: "[")?: try array { scanner in try scanner.skipValue() }
        case UInt8(ascii: "\"")?: _ = try rawString()
        case UInt8(ascii: "t")?: try literal("true")
        case UInt8(ascii: "f")?: try literal("false")
        case UInt8(ascii: "n")?: try literal("null")
        case let byte? where byte == UInt8(ascii: "-") || isDigit(byte): _ = try number()
        default: throw Unreadable()
        }
    }

    /// A string value, `null`, or (skipped) anything else.
    mutating func string() throws -> Read<String> {
        switch peek {
        case UInt8(ascii: "\"")?: return .value(Self.decode(try rawString()))
        case UInt8(ascii: "n")?:
            try literal("null")
            return .null
        default:
            try skipValue()
            return .mismatch
        }
    }

    /// An integer that fits `Int64` (no fraction, no `-0`), `null`, or (skipped) anything else.
    mutating func integer() throws -> Read<Int64> {
        switch peek {
        case let byte? where byte == UInt8(ascii: "-") || isDigit(byte):
            let token = try number()
            let negative = token.first == UInt8(ascii: "-")
            let digits = negative ? token.dropFirst() : token
            guard digits.count <= 18, digits.allSatisfy(isDigit), !(negative && digits.first == UInt8(ascii: "0")) else {
                return .mismatch
            }
            var value: Int64 = 0
            for digit in digits { value = value * 10 + Int64(digit - UInt8(ascii: "0")) }
            return .value(negative ? -value : value)
        case UInt8(ascii: "n")?:
            try literal("null")
            return .null
        default:
            try skipValue()
            return .mismatch
        }
    }

    /// Whether the value at the current position is `null`, consuming it if so.
    mutating func null() throws -> Bool {
        guard peek == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    // MARK: - Tokens

    private mutating func enter(_ opening: UInt8) throws {
        try consume(opening)
        depth += 1
        guard depth <= Self.maximumDepth else { throw Unreadable() }
    }

    private mutating func consume(_ byte: UInt8) throws {
        guard peek == byte else { throw Unreadable() }
        index += 1
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Unreadable() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw Unreadable() }
        index += count
    }

    /// The bytes between the quotes of the string at the current position, escapes undecoded.
    private mutating func rawString() throws -> Slice<UnsafeBufferPointer<UInt8>> {
        try consume(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                defer { index += 1 }
                return bytes[start..<index]
            case UInt8(ascii: "\\"):
                index += bytes.count > index + 1 && bytes[index + 1] == UInt8(ascii: "u") ? 6 : 2
            case ..<0x20:
                throw Unreadable()
            default:
                index += 1
            }
        }
        throw Unreadable()
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`: the plain numbers ``JSONTokenCheck`` lets through.
    private mutating func number() throws -> Slice<UnsafeBufferPointer<UInt8>> {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        while let byte = peek, isDigit(byte) { index += 1 }
        guard index > integerStart, bytes[integerStart] != UInt8(ascii: "0") || index == integerStart + 1 else { throw Unreadable() }
        if peek == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while let byte = peek, isDigit(byte) { index += 1 }
            guard index > fractionStart else { throw Unreadable() }
        }
        if let byte = peek, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { throw Unreadable() }
        return bytes[start..<index]
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Decodes the contents of a string: escapes resolved (``JSONTokenCheck`` already ruled out bad ones).
    private static func decode(_ raw: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var index = raw.startIndex
        func flush() {
            scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
            utf8.removeAll(keepingCapacity: true)
        }
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < raw.endIndex else {
                utf8.append(byte)
                index += 1
                continue
            }
            let escaped = raw[index + 1]
            switch escaped {
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var value: UInt32 = 0
                for hex in raw[(index + 2)..<min(index + 6, raw.endIndex)] {
                    value = value << 4 | UInt32(hexValue(hex))
                }
                flush()
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                index += 6
                continue
            default: utf8.append(escaped)  // `"`, `\`, `/`
            }
            index += 2
        }
        flush()
        return String(scalars)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: byte &- UInt8(ascii: "A") &+ 10
        }
    }
}

extension Slice<UnsafeBufferPointer<UInt8>> {
    /// Whether these bytes spell `key` (an ASCII field name).
    func `is`(_ key: StaticString) -> Bool {
        count == key.utf8CodeUnitCount && elementsEqual(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }
}
