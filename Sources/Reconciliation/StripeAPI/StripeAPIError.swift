package import Foundation

/// Why a call to Stripe's API failed, classified for the caller's retry decision.
///
/// Never carries the secret key: Stripe's own 401 message (which echoes part of the key) is dropped, and any
/// message that contains the configured key is redacted before it is stored.
package struct StripeAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The classes of failure a caller acts on differently.
    package enum Kind: Sendable, Equatable {
        /// 401: the key is wrong, revoked or rotated. Retrying will not help.
        case unauthorized
        /// 429: slow down; `retryAfter` is the server's hint in seconds when it sent one.
        case rateLimited(retryAfter: TimeInterval?)
        /// 5xx: Stripe is having trouble; retry later.
        case server(status: Int)
        /// No complete answer within ``StripeAPIConfiguration/timeout`` (or the connection could not be made in time).
        case timeout
        /// The connection failed or broke (refused, reset, TLS, body too large...).
        case transport(String)
        /// A 2xx answer whose body is not a Stripe list.
        case decoding(String)
        /// Any other status, e.g. 400 `invalid_request_error` / `resource_missing` or 404.
        case other(status: Int, details: StripeErrorDetails?)
    }

    package var kind: Kind
    /// Stripe's `Request-Id` response header, for support tickets and logs.
    package var requestId: String?

    package init(_ kind: Kind, requestId: String? = nil) {
        self.kind = kind
        self.requestId = requestId
    }

    /// Whether the same request may succeed later without a configuration change.
    package var isRetryable: Bool {
        switch kind {
        case .rateLimited, .server, .timeout, .transport: true
        case .unauthorized, .decoding, .other: false
        }
    }

    package var description: String {
        let suffix = requestId.map { " (request \($0))" } ?? ""
        switch kind {
        case .unauthorized:
            return "Stripe API: unauthorized (401): the API key was rejected\(suffix)"
        case .rateLimited(let retryAfter):
            let hint = retryAfter.map { ", retry after \($0)s" } ?? ""
            return "Stripe API: rate limited (429)\(hint)\(suffix)"
        case .server(let status):
            return "Stripe API: server error (\(status))\(suffix)"
        case .timeout:
            return "Stripe API: timed out\(suffix)"
        case .transport(let reason):
            return "Stripe API: transport error: \(reason)\(suffix)"
        case .decoding(let reason):
            return "Stripe API: undecodable response: \(reason)\(suffix)"
        case .other(let status, let details):
            guard let details else { return "Stripe API: HTTP \(status)\(suffix)" }
            return "Stripe API: HTTP \(status): \(details)\(suffix)"
        }
    }

    // MARK: - Convenience

    package static let unauthorized = StripeAPIError(.unauthorized)
    package static let timeout = StripeAPIError(.timeout)
    package static func rateLimited(retryAfter: TimeInterval?) -> StripeAPIError { .init(.rateLimited(retryAfter: retryAfter)) }
    package static func server(status: Int) -> StripeAPIError { .init(.server(status: status)) }
    package static func transport(_ reason: String) -> StripeAPIError { .init(.transport(reason)) }
    package static func decoding(_ reason: String) -> StripeAPIError { .init(.decoding(reason)) }
    package static func other(status: Int, details: StripeErrorDetails?) -> StripeAPIError {
        .init(.other(status: status, details: details))
    }
}
