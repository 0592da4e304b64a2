package import AsyncHTTPClient
import Foundation
package import InvoiceDomain
package import NIOCore
import NIOHTTP1

/// Sends email through Postmark (`POST /email`, `X-Postmark-Server-Token`, 200 + `MessageID`).
///
/// Postmark reports most refusals as 422 with an `ErrorCode`; code 10 (bad or missing server token) is a
/// credentials failure, the rest are permanent.
package struct PostmarkProvider: MessageProvider {
    package let name = MessagingProvider.postmark.rawValue
    package let channel = InvoiceDomain.Channel.email

    private let endpoint: String
    private let searchEndpoint: String
    private let serverToken: String
    private let from: SenderIdentity
    private let messageStream: String?
    private let transport: ProviderTransport

    /// - Parameters:
    ///   - baseURL: `https://api.postmarkapp.com` in production; a fake's base URL in tests.
    ///   - serverToken: The server API token (sent as `X-Postmark-Server-Token`). Never logged.
    ///   - from: Needs `email` (a confirmed sender signature); `name` is optional.
    ///   - messageStream: The message stream ID; `nil` uses Postmark's default transactional stream (`outbound`).
    ///   - client: Shared client from ``ProviderHTTPClient/make(connectTimeout:readTimeout:connectionsPerHost:)``; not shut down here.
    ///   - timeout: Whole-attempt deadline.
    ///   - clock: "Now" for HTTP-date `Retry-After`.
    package init(
        baseURL: String,
        serverToken: String,
        from: SenderIdentity,
        messageStream: String?,
        client: HTTPClient,
        timeout: TimeAmount,
        clock: any WallClock = SystemClock()
    ) {
        self.endpoint = ProviderURL.join(baseURL, "/email")
        self.searchEndpoint = ProviderURL.join(baseURL, "/messages/outbound")
        self.serverToken = serverToken
        self.from = from
        self.messageStream = messageStream
        self.transport = ProviderTransport(provider: "Postmark", secrets: [serverToken], client: client, timeout: timeout, clock: clock)
    }

    package func send(_ message: OutboundMessage) async -> ProviderResult {
        guard message.channel == .email else {
            return transport.rejected("cannot send \(message.channel.rawValue) messages")
        }
        guard let fromEmail = from.email, !fromEmail.isEmpty else {
            return transport.rejected("no sender email configured")
        }
        let body = PostmarkEmail(message: message, fromEmail: fromEmail, fromName: from.name, messageStream: messageStream)
        guard var request = try? HTTPClientRequest.postJSON(url: endpoint, body: body) else {
            return transport.rejected("could not encode the message")
        }
        request.headers.add(name: "X-Postmark-Server-Token", value: serverToken)
        return await transport.send(request) { classify($0) }
    }

    /// Postmark's outbound message search by our metadata key:
    /// `GET /messages/outbound?count=1&offset=0&metadata_idempotency_key=<key>`.
    package func lookUp(_ message: OutboundMessage) async -> SentMessageLookup {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let key = message.idempotencyKey.addingPercentEncoding(withAllowedCharacters: allowed) ?? message.idempotencyKey
        let url = searchEndpoint + "?count=1&offset=0&metadata_\(PostmarkEmail.idempotencyKeyField)=\(key)"
        return await transport.lookUp(url, headers: [("X-Postmark-Server-Token", serverToken)]) { body in
            guard let page = try? JSONDecoder().decode(PostmarkOutboundSearch.self, from: Data(body)) else { return .failed("unreadable search answer") }
            guard let id = page.Messages.first?.MessageID, !id.isEmpty else { return .notFound }
            return .found(messageId: id)
        }
    }

    private func classify(_ response: ProviderHTTPResponse) -> SendOutcome {
        let decoded = PostmarkResponseBody.decode(response.body)
        if response.isSuccess {
            return transport.classifier.outcome(status: response.status, messageId: decoded?.messageID.providerNonEmpty,
                                                errorMessage: nil, retryAfter: nil)
        }
        return transport.classifier.outcome(
            status: response.status,
            messageId: nil,
            errorMessage: response.errorMessage(decoded?.message, code: decoded?.errorCode, codeLabel: "ErrorCode"),
            retryAfter: response.retryAfter(now: transport.clock.now()),
            credentialsRejected: response.status == 422 && decoded?.errorCode == PostmarkResponseBody.badServerTokenCode
        )
    }
}
