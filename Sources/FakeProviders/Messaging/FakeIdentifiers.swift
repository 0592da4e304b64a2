import Foundation

/// Random ids shaped like the real providers' (only the shape matters to clients).
enum FakeIdentifiers {
    /// SendGrid `X-Message-Id`: 22 URL-safe base64 characters.
    static func sendGridMessageId() -> String {
        let bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        return String(Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .prefix(22))
    }

    /// Postmark `MessageID`: a lowercase UUID.
    static func postmarkMessageId() -> String { UUID().uuidString.lowercased() }

    /// Twilio Message `sid`: `SM` + 32 lowercase hex digits.
    static func twilioMessageSid() -> String {
        "SM" + (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
