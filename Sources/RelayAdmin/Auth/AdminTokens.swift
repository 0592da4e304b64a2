import Crypto
package import Foundation
import StoreSeams

/// Issues and recognises admin API tokens.
///
/// A token is `irt_` followed by 32 random bytes in unpadded base64url (47 characters). Only its SHA-256
/// is stored, with the first 12 characters (`irt_` + 8) as a non-secret lookup prefix; the token itself is
/// shown once, at creation.
package enum AdminTokens {
    static let marker = "irt_"
    static let prefixLength = 12
    static let tokenLength = 47

    /// Lower-case hex SHA-256 of the token's UTF-8 bytes.
    package static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).lowercaseHex
    }

    /// The lookup prefix of a well-formed token, `nil` for anything that cannot be one of ours.
    package static func prefix(of token: String) -> String? {
        guard token.utf8.count == tokenLength, token.hasPrefix(marker),
              token.utf8.allSatisfy({ isBase64URL($0) || $0 == UInt8(ascii: "_") })
        else { return nil }
        return String(token.prefix(prefixLength))
    }

    /// A fresh random token (system CSPRNG).
    package static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return marker + encoded
    }

    /// A hash no token produces, compared against when no row matches so unknown prefixes cost the same work.
    static let decoyHash = String(repeating: "0", count: 64)

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): true
        default: false
        }
    }
}

/// A token's lifetime written as a number and a unit: `30d`, `12h`, `90m`, `2w` (`s` for seconds).
package enum TokenLifetime {
    /// - Throws: ``AdminError`` (bad request) for anything else, or a non-positive amount.
    package static func parse(_ text: String) throws -> TimeInterval {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let unit = text.last, let multiplier = units[unit], let amount = Int(text.dropLast()), amount > 0, amount <= 3650 * 86_400 else {
            throw AdminError.badRequest("invalid_expiry", "expiry '\(text)' is not a positive duration like 30d, 12h, 90m or 2w")
        }
        return TimeInterval(amount) * multiplier
    }
}
