import AsyncHTTPClient
import Foundation
import InvoiceDomain
import NIOCore

/// Sends email through Postmark (`POST /email`, `X-Postmark-Server-Token`, 200 + `MessageID`).
///
/// Postmark reports most refusals as 422 with an `ErrorCode`; code 10 (bad or missing server token) is a
/// credentials failure, the rest are permanent.
public struct PostmarkProvider: MessageProvider {
    public let name = "postmark"
    public let channel = InvoiceDomain.Channel.email

    private let endpoint: String
    private let serverToken: String
    private let from: SenderIdentity
    private let messageStream: String?
    private let client: HTTPClient
    private let timeout: TimeAmount
    private let clock: any WallClock
    private let classifier: ResponseClassifier

    /// - Parameters:
    ///   - baseURL: `https://api.postmarkapp.com` in production; a fake's base URL in tests.
    ///   - serverToken: The server API token (sent as `X-Postmark-Server-Token`). Never logged.
    ///   - from: Needs `email` (a confirmed sender signature); `name` is optional.
    ///   - messageStream: The message stream ID; `nil` uses Postmark's default transactional stream (`outbound`).
    ///   - client: Shared client from ``ProviderHTTPClient/make(connectTimeout:readTimeout:)``; not shut down here.
    ///   - timeout: Whole-attempt deadline.
    ///   - clock: "Now" for HTTP-date `Retry-After`.
    public init(
        baseURL: String,
        serverToken: String,
        from: SenderIdentity,
        messageStream: String?,
        client: HTTPClient,
        timeout: TimeAmount,
        clock: any WallClock = SystemClock()
    ) {
        self.endpoint = ProviderURL.join(baseURL, "/email")
        self.serverToken = serverToken
        self.from = from
        self.messageStream = messageStream
        self.client = client
        self.timeout = timeout
        self.clock = clock
        self.classifier = ResponseClassifier(provider: "Postmark", redactor: SecretRedactor(secrets: [serverToken]))
    }

    public func send(_ message: OutboundMessage) async -> ProviderResult {
        guard message.channel == .email else {
            return ProviderAttempt.rejected("cannot send \(message.channel.rawValue) messages", classifier: classifier)
        }
        guard let fromEmail = from.email, !fromEmail.isEmpty else {
            return ProviderAttempt.rejected("no sender email configured", classifier: classifier)
        }
        let body = PostmarkEmail(message: message, fromEmail: fromEmail, fromName: from.name, messageStream: messageStream)
        var request: HTTPClientRequest
        do {
            request = try HTTPClientRequest.postJSON(url: endpoint, body: body)
        } catch {
            return ProviderAttempt.rejected("could not encode the message", classifier: classifier)
        }
        request.headers.add(name: "X-Postmark-Server-Token", value: serverToken)
        return await ProviderAttempt.run(request, client: client, timeout: timeout, classifier: classifier) { response in
            classify(response)
        }
    }

    private func classify(_ response: ProviderHTTPResponse) -> SendOutcome {
        let decoded = PostmarkResponseBody.decode(response.body)
        if response.isSuccess {
            return classifier.outcome(status: response.status, messageId: decoded?.messageID.providerNonEmpty,
                                      errorMessage: nil, retryAfter: nil)
        }
        let message: String?
        if let decoded, let text = decoded.message {
            message = decoded.errorCode.map { "ErrorCode \($0): \(text)" } ?? text
        } else {
            message = ProviderBodyText.snippet(response.body)
        }
        let retryAfter = response.header("Retry-After").flatMap { RetryAfter.seconds(from: $0, now: clock.now()) }
        return classifier.outcome(
            status: response.status,
            messageId: nil,
            errorMessage: message,
            retryAfter: retryAfter,
            credentialsRejected: response.status == 422 && decoded?.errorCode == PostmarkResponseBody.badServerTokenCode
        )
    }
}
