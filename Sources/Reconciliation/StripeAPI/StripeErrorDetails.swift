import Foundation

/// The `error` object of a Stripe error response (`{"error":{"type":...,"code":...,"message":...,"param":...}}`).
package struct StripeErrorDetails: Sendable, Equatable, Decodable, CustomStringConvertible {
    /// `invalid_request_error`, `api_error`, `card_error`, `idempotency_error`...
    package var type: String?
    /// e.g. `resource_missing`, `parameter_unknown`, `rate_limit`.
    package var code: String?
    /// Human-readable explanation (redacted of the secret key).
    package var message: String?
    /// The request parameter at fault, e.g. `starting_after`.
    package var param: String?

    package init(type: String?, code: String? = nil, message: String? = nil, param: String? = nil) {
        self.type = type
        self.code = code
        self.message = message
        self.param = param
    }

    package var description: String {
        [type, code.map { "code=\($0)" }, param.map { "param=\($0)" }, message]
            .compactMap { $0 }
            .joined(separator: " ")
    }

    /// The details with every occurrence of `secret` replaced, so they are safe to log.
    func redacting(_ secret: String) -> StripeErrorDetails {
        guard !secret.isEmpty else { return self }
        var copy = self
        copy.message = message?.replacingOccurrences(of: secret, with: "<redacted>")
        copy.param = param?.replacingOccurrences(of: secret, with: "<redacted>")
        return copy
    }
}

/// `{"error": {...}}`
struct StripeErrorEnvelope: Decodable {
    var error: StripeErrorDetails
}
