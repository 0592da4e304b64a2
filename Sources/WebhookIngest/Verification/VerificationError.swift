/// Why a webhook delivery was refused.
///
/// `code` is stable and meant for machines (metrics labels, the HTTP error body); `message` names the
/// reason and the header for people. Neither ever contains a secret, an expected signature or the presented one.
/// At the HTTP edge, `no_active_secret` is our configuration problem (5xx); every other code is the sender's (4xx).
package struct VerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    package let code: String
    package let message: String

    init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code): \(message)" }

    /// The stable values of ``VerificationError/code``.
    package enum Code {
        /// A required signature header (or Standard Webhooks id/timestamp header) is absent or empty.
        package static let missingSignature = "missing_signature"
        /// A signature header cannot be parsed: no timestamp, a non-integer timestamp, no `v1`/`h1` entry, bad hex/base64.
        package static let malformedSignature = "malformed_signature"
        /// The signed timestamp is further than the tolerance from now, in the past or the future.
        package static let timestampOutOfTolerance = "timestamp_out_of_tolerance"
        /// No presented signature matches any active secret (tampered body, wrong secret).
        package static let noMatchingSignature = "no_matching_signature"
        /// Every configured secret has expired or is unusable.
        package static let noActiveSecret = "no_active_secret"
    }

    static func missingSignature(_ message: String) -> Self { Self(code: Code.missingSignature, message: message) }
    static func malformedSignature(_ message: String) -> Self { Self(code: Code.malformedSignature, message: message) }
    static func timestampOutOfTolerance(_ message: String) -> Self { Self(code: Code.timestampOutOfTolerance, message: message) }
    static func noMatchingSignature(_ message: String) -> Self { Self(code: Code.noMatchingSignature, message: message) }
    static func noActiveSecret(_ message: String) -> Self { Self(code: Code.noActiveSecret, message: message) }
}
