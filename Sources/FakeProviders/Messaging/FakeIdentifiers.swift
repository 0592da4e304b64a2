import Foundation

/// Random ids shaped like the real providers' (only the shape matters to clients).
enum FakeIdentifiers {
    /// SendGrid `X-Message-Id`: 22 URL-safe base64 characters.
    static func sendGridMessageId() -> String {
        // 22 characters of URL-safe base64 over 128 random bits (two draws, not one per byte).
        var generator = SystemRandomNumberGenerator()
        var high: UInt64 = generator.next()
        var low: UInt64 = generator.next()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(22)
        for _ in 0..<22 {
            out.append(alphabet[Int(high >> 58)])
            high = high << 6 | low >> 58
            low <<= 6
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Postmark `MessageID`: a lowercase UUID.
    static func postmarkMessageId() -> String { UUID().uuidString.lowercased() }

    /// Twilio Message `sid`: `SM` + 32 lowercase hex digits.
    static func twilioMessageSid() -> String {
        var generator = SystemRandomNumberGenerator()
        return "SM" + hex16(generator.next()) + hex16(generator.next())
    }

    /// 16 lowercase hex digits.
    private static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
