package import AsyncHTTPClient
import Foundation
package import InvoiceDomain
package import NIOCore
import NIOHTTP1

/// Sends email through SendGrid's v3 Mail Send API (`POST /v3/mail/send`, bearer API key, 202 + `X-Message-Id`).
package struct SendGridProvider: MessageProvider {
    package let name = MessagingProvider.sendgrid.rawValue
    package let channel = InvoiceDomain.Channel.email

    private let endpoint: String
    private let apiKey: String
    private let from: SenderIdentity
    private let transport: ProviderTransport

    /// - Parameters:
    ///   - baseURL: `https://api.sendgrid.com` in production; a fake's base URL in tests.
    ///   - apiKey: The API key (sent as `Authorization: Bearer`). Never logged.
    ///   - from: Needs `email`; `name` is optional.
    ///   - client: Shared client from ``ProviderHTTPClient/make(connectTimeout:readTimeout:connectionsPerHost:)``; not shut down here.
    ///   - timeout: Whole-attempt deadline (connect, send, response and body).
    ///   - clock: "Now" for HTTP-date `Retry-After` and `X-RateLimit-Reset`.
    package init(
        baseURL: String,
        apiKey: String,
        from: SenderIdentity,
        client: HTTPClient,
        timeout: TimeAmount,
        clock: any WallClock = SystemClock()
    ) {
        self.endpoint = ProviderURL.join(baseURL, "/v3/mail/send")
        self.apiKey = apiKey
        self.from = from
        self.transport = ProviderTransport(provider: "SendGrid", secrets: [apiKey], client: client, timeout: timeout, clock: clock)
    }

    package func send(_ message: OutboundMessage) async -> ProviderResult {
        guard message.channel == .email else {
            return transport.rejected("cannot send \(message.channel.rawValue) messages")
        }
        guard let fromEmail = from.email, !fromEmail.isEmpty else {
            return transport.rejected("no sender email configured")
        }
        let body = SendGridMailSend(message: message, fromEmail: fromEmail, fromName: from.name)
        var request = HTTPClientRequest.postJSON(url: endpoint, json: body.json)
        request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
        return await transport.send(request) { classify($0) }
    }

    private func classify(_ response: ProviderHTTPResponse) -> SendOutcome {
        if response.isSuccess {
            return transport.classifier.outcome(status: response.status, messageId: response.header("X-Message-Id").providerNonEmpty,
                                                errorMessage: nil, retryAfter: nil)
        }
        return transport.classifier.outcome(
            status: response.status,
            messageId: nil,
            errorMessage: SendGridErrorBody.message(from: response.body),
            retryAfter: retryAfter(response)
        )
    }

    /// `Retry-After` when present, else `X-RateLimit-Reset` (epoch seconds when the limit resets).
    private func retryAfter(_ response: ProviderHTTPResponse) -> TimeInterval? {
        let now = transport.clock.now()
        if let seconds = response.retryAfter(now: now) {
            return seconds
        }
        if let value = response.header("X-RateLimit-Reset"), let epoch = TimeInterval(value) {
            return max(0, epoch - now.timeIntervalSince1970)
        }
        return nil
    }
}
