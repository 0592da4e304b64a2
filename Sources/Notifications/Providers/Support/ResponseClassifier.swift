import Foundation
import InvoiceDomain

/// The classification rules shared by every provider: status code → ``SendOutcome``.
///
/// 2xx sent; 401/403 credentials; 429 retryable with the provider's wait; 408 and 5xx retryable (503 honours a
/// `Retry-After`); every other status permanent. Reasons carry the provider's own message, truncated and redacted.
struct ResponseClassifier: Sendable {
    /// Longest reason we keep: enough to diagnose, small enough for a database column and a log line.
    static let maxReasonLength = 300

    let provider: String
    let redactor: SecretRedactor

    /// Classifies a response.
    /// - Parameters:
    ///   - messageId: The provider's message id, for a 2xx.
    ///   - errorMessage: The provider's error text, already extracted from its body.
    ///   - retryAfter: The provider's requested wait, for 429/503.
    ///   - credentialsRejected: The provider said our credentials are wrong in a non-401 way (Postmark 422/10).
    func outcome(
        status: Int,
        messageId: String?,
        errorMessage: String?,
        retryAfter: TimeInterval?,
        credentialsRejected: Bool = false
    ) -> SendOutcome {
        if (200..<300).contains(status) { return .sent(messageId: messageId) }
        let reason = self.reason(status: status, message: errorMessage)
        if credentialsRejected || status == 401 || status == 403 { return .credentials(reason: reason) }
        switch status {
        case 429: return .retryable(reason: reason, retryAfter: retryAfter)
        case 503: return .retryable(reason: reason, retryAfter: retryAfter)
        case 408, 500...599: return .retryable(reason: reason, retryAfter: nil)
        default: return .permanent(reason: reason)
        }
    }

    /// The outcome when no response arrived.
    func outcome(for failure: TransportFailure) -> SendOutcome {
        switch failure.outcome {
        case .retryable(let reason, let retryAfter):
            .retryable(reason: clean("\(provider): \(reason)"), retryAfter: retryAfter)
        case .permanent(let reason):
            .permanent(reason: clean("\(provider): \(reason)"))
        case .credentials(let reason):
            .credentials(reason: clean("\(provider): \(reason)"))
        case .sent(let messageId):
            .sent(messageId: messageId)
        }
    }

    /// A local refusal (configuration or message shape) made before any request.
    func rejected(_ reason: String) -> SendOutcome {
        .permanent(reason: clean("\(provider): \(reason)"))
    }

    /// `"<provider> HTTP <status>: <message>"`, redacted and truncated.
    func reason(status: Int, message: String?) -> String {
        let detail = message.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        return clean("\(provider) HTTP \(status)" + (detail.map { ": \($0)" } ?? ""))
    }

    private func clean(_ text: String) -> String {
        let redacted = redactor.redact(text)
        guard redacted.count > Self.maxReasonLength else { return redacted }
        return String(redacted.prefix(Self.maxReasonLength - 1)) + "…"
    }
}
