import Foundation

/// SendGrid's error body: `{"errors":[{"message":"..","field":"..","help":..}]}`.
struct SendGridErrorBody: Decodable {
    struct Entry: Decodable {
        var message: String?
        var field: String?
    }

    var errors: [Entry]

    /// "field: message; ..." from a SendGrid error body, or the body's text if it is not one.
    static func message(from body: [UInt8]) -> String? {
        if let decoded = try? JSONDecoder().decode(SendGridErrorBody.self, from: Data(body)) {
            let parts = decoded.errors.compactMap { entry -> String? in
                guard let message = entry.message, !message.isEmpty else { return nil }
                if let field = entry.field, !field.isEmpty { return "\(field): \(message)" }
                return message
            }
            if !parts.isEmpty { return parts.joined(separator: "; ") }
        }
        return ProviderBodyText.snippet(body)
    }
}

/// A short printable excerpt of a non-JSON body, for reasons.
enum ProviderBodyText {
    static func snippet(_ body: [UInt8]) -> String? {
        let text = String(decoding: body.prefix(512), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
