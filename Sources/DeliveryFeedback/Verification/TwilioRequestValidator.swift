import Crypto
import Foundation

/// Checks `X-Twilio-Signature` as Twilio's own `RequestValidator` does: base64(HMAC-SHA1(auth token, the full URL
/// Twilio requested + every POST parameter's name and value, names sorted)).
///
/// Twilio signs the URL exactly as it was configured, and proxies often add or drop the port, so a signature
/// computed with or without the URL's port is accepted (twilio-python does the same). The comparison is
/// constant-time.
package struct TwilioRequestValidator: Sendable {
    /// The auth token's bytes (swift-crypto's key type is not `Sendable`; a key is made per check).
    private let secret: [UInt8]

    package init(authToken: String) {
        self.secret = Array(authToken.utf8)
    }

    /// The signature Twilio sends for `url` and the form `parameters`.
    package func signature(url: String, parameters: [(name: String, value: String)]) -> String {
        var hmac = HMAC<Insecure.SHA1>(key: SymmetricKey(data: secret))
        hmac.update(data: Data(url.utf8))
        // Sorted by name; a repeated name keeps its values in the order they came, as twilio-python does.
        let sorted = parameters.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }
        for (_, parameter) in sorted {
            hmac.update(data: Data(parameter.name.utf8))
            hmac.update(data: Data(parameter.value.utf8))
        }
        return Data(hmac.finalize()).base64EncodedString()
    }

    /// Whether `presented` signs `url` (with or without its port) and `parameters`.
    package func isValid(_ presented: String, url: String, parameters: [(name: String, value: String)]) -> Bool {
        let presentedBytes = Array(presented.utf8)
        var valid = false
        for candidate in Self.urlVariants(url) {
            // Every variant is computed and compared, so the time taken does not tell which one matched.
            valid = ConstantTimeComparison.equals(Array(signature(url: candidate, parameters: parameters).utf8), presentedBytes) || valid
        }
        return valid
    }

    /// `url` as given, and with its port removed (when it has one) or the scheme's default port added.
    static func urlVariants(_ url: String) -> [String] {
        guard var components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else { return [url] }
        let defaultPort = scheme == "https" ? 443 : 80
        if components.port != nil {
            components.port = nil
        } else {
            components.port = defaultPort
        }
        guard let other = components.string, other != url else { return [url] }
        return [url, other]
    }
}

/// Byte-wise comparison whose time depends only on the lengths.
package enum ConstantTimeComparison {
    package static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
