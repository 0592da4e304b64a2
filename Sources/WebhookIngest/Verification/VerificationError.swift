/// Why a webhook delivery was refused.
///
/// `code` is stable and meant for machines (metrics labels, the HTTP error body); `message` names the
/// reason and the header for people. Neither ever contains a secret, an expected signature or the presented one.
/// At the HTTP edge, `no_active_secret` is our configuration problem (5xx); every other code is the sender's (4xx).
public struct VerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: String
    public let message: String

    init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// The stable values of ``VerificationError/code``.
    public enum Code {
        /// A required signature header (or Standard Webhooks id/timestamp header) is absent or empty.
        public static let missingSignature = "missing_signature"
        /// A signature header cannot be parsed: no timestamp, a non-integer timestamp, no `v1`/`h1` entry, bad hex/base64.
        public static let malformedSignature = "malformed_signature"
        /// The signed timestamp is further than the tolerance from now, in the past or the future.
        public static let timestampOutOfTolerance = "timestamp_out_of_tolerance"
        /// No presented signature matches any active secret (tampered body, wrong secret).
        public static let noMatchingSignature = "no_matching_signature"
        /// Every configured secret has expired or is unusable.
        public static let noActiveSecret = "no_active_secret"
    }

    static func missingSignature(_ message: String) -> Self { Self(code: Code.missingSignature, message: message) }
    static func malformedSignature(_ message: String) -> Self { Self(code: Code.malformedSignature, message: message) }
    static func timestampOutOfTolerance(_ message: String) -> Self { Self(code: Code.timestampOutOfTolerance, message: message) }
    static func noMatchingSignature(_ message: String) -> Self { Self(code: Code.noMatchingSignature, message: message) }
    static func noActiveSecret(_ message: String) -> Self { Self(code: Code.noActiveSecret, message: message) }
}
