import Foundation

/// Decoding and encoding of presented signatures, byte-exact and without allocation-heavy detours.
enum SignatureBytes {
    /// Length of an HMAC-SHA256 code in bytes.
    static let macLength = 32

    /// Decodes hex (either case); `nil` on odd length or a non-hex character.
    static func hex<S: StringProtocol>(_ text: S) -> [UInt8]? {
        let utf8 = text.utf8
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var high: UInt8?
        for character in utf8 {
            guard let value = nibble(character) else { return nil }
            if let first = high {
                bytes.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return bytes
    }

    /// Decodes standard, padded base64; `nil` for anything else.
    static func base64<S: StringProtocol>(_ text: S) -> [UInt8]? {
        Data(base64Encoded: String(text)).map { Array($0) }
    }

    static func decode<S: StringProtocol>(_ text: S, _ encoding: SignatureEncoding) -> [UInt8]? {
        switch encoding {
        case .hex: hex(text)
        case .base64: base64(text)
        }
    }

    static func hexString<B: Sequence>(_ bytes: B) -> String where B.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func base64String<B: Sequence>(_ bytes: B) -> String where B.Element == UInt8 {
        Data(bytes).base64EncodedString()
    }

    /// Parses a Unix timestamp in whole seconds: ASCII digits only (no sign, no spaces, no fraction).
    static func unixSeconds<S: StringProtocol>(_ text: S) -> Int64? {
        let utf8 = text.utf8
        guard (1...15).contains(utf8.count) else { return nil }
        var seconds: Int64 = 0
        for digit in utf8 {
            guard digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "9") else { return nil }
            seconds = seconds * 10 + Int64(digit - UInt8(ascii: "0"))
        }
        return seconds
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
