import InvoiceDomain

/// Why no HTTP response arrived from a provider.
enum TransportFailure: Error, Sendable, Equatable {
    /// The whole-request deadline passed (connect, send, headers and body included).
    case timeout
    /// The provider closed the connection without (a complete) response.
    case connectionClosed
    /// The connection could not be made or broke (refused, reset, DNS...).
    case connectionFailed(String)
    /// The request could not even be formed (bad base URL): configuration, not the provider.
    case invalidRequest(String)
    /// Our own task was cancelled (shutdown) before the attempt finished.
    case cancelled

    /// The outcome the outbox gets for this failure.
    var outcome: SendOutcome {
        switch self {
        case .timeout: .retryable(reason: "timeout waiting for the provider", retryAfter: nil)
        case .connectionClosed: .retryable(reason: "provider closed the connection without a response", retryAfter: nil)
        case .connectionFailed(let detail): .retryable(reason: "connection failed: \(detail)", retryAfter: nil)
        case .invalidRequest(let detail): .permanent(reason: "invalid provider request: \(detail)")
        case .cancelled: .retryable(reason: "send cancelled", retryAfter: nil)
        }
    }
}
