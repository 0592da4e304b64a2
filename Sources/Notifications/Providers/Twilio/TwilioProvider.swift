import AsyncHTTPClient
import Foundation
import InvoiceDomain
import NIOCore

/// Sends SMS through Twilio's Messages resource
/// (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP basic auth, form body, 201 + `sid`).
public struct TwilioProvider: MessageProvider {
    public let name = "twilio"
    public let channel = InvoiceDomain.Channel.sms

    private let endpoint: String
    private let authorization: String
    private let from: SenderIdentity
    private let client: HTTPClient
    private let timeout: TimeAmount
    private let clock: any WallClock
    private let classifier: ResponseClassifier

    /// - Parameters:
    ///   - baseURL: `https://api.twilio.com` in production; a fake's base URL in tests.
    ///   - accountSid: The account (`AC...`), used in the path and as the basic-auth user.
    ///   - authToken: The basic-auth password. Never logged.
    ///   - from: `messagingServiceSid` (sent as `MessagingServiceSid`) if set, else `phone` (sent as `From`).
    ///   - client: Shared client from ``ProviderHTTPClient/make(connectTimeout:readTimeout:)``; not shut down here.
    ///   - timeout: Whole-attempt deadline.
    ///   - clock: "Now" for HTTP-date `Retry-After`.
    public init(
        baseURL: String,
        accountSid: String,
        authToken: String,
        from: SenderIdentity,
        client: HTTPClient,
        timeout: TimeAmount,
        clock: any WallClock = SystemClock()
    ) {
        self.endpoint = ProviderURL.join(
            baseURL, "/2010-04-01/Accounts/\(FormURLEncoder.escape(accountSid))/Messages.json"
        )
        let credentials = Data("\(accountSid):\(authToken)".utf8).base64EncodedString()
        self.authorization = "Basic \(credentials)"
        self.from = from
        self.client = client
        self.timeout = timeout
        self.clock = clock
        self.classifier = ResponseClassifier(
            provider: "Twilio",
            redactor: SecretRedactor(secrets: [authToken, credentials])
        )
    }

    public func send(_ message: OutboundMessage) async -> ProviderResult {
        guard message.channel == .sms else {
            return ProviderAttempt.rejected("cannot send \(message.channel.rawValue) messages", classifier: classifier)
        }
        var fields: [(name: String, value: String)] = [("To", message.to)]
        if let service = from.messagingServiceSid.providerNonEmpty {
            fields.append(("MessagingServiceSid", service))
        } else if let phone = from.phone.providerNonEmpty {
            fields.append(("From", phone))
        } else {
            return ProviderAttempt.rejected("no sender phone or messaging service configured", classifier: classifier)
        }
        fields.append(("Body", message.text))

        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: ProviderUserAgent.value)
        request.body = .bytes(ByteBuffer(string: FormURLEncoder.encode(fields)))
        return await ProviderAttempt.run(request, client: client, timeout: timeout, classifier: classifier) { response in
            classify(response)
        }
    }

    private func classify(_ response: ProviderHTTPResponse) -> SendOutcome {
        let decoded = TwilioResponseBody.decode(response.body)
        if response.isSuccess {
            return classifier.outcome(status: response.status, messageId: decoded?.sid.providerNonEmpty,
                                      errorMessage: nil, retryAfter: nil)
        }
        let message: String?
        if let decoded, let text = decoded.message {
            message = decoded.code.map { "code \($0): \(text)" } ?? text
        } else {
            message = ProviderBodyText.snippet(response.body)
        }
        let retryAfter = response.header("Retry-After").flatMap { RetryAfter.seconds(from: $0, now: clock.now()) }
        return classifier.outcome(status: response.status, messageId: nil, errorMessage: message, retryAfter: retryAfter)
    }
}
