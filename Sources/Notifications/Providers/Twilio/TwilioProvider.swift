package import AsyncHTTPClient
import Foundation
package import InvoiceDomain
package import NIOCore
import NIOHTTP1

/// Sends SMS through Twilio's Messages resource
/// (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP basic auth, form body, 201 + `sid`).
package struct TwilioProvider: MessageProvider {
    package let name = MessagingProvider.twilio.rawValue
    package let channel = InvoiceDomain.Channel.sms

    private let endpoint: String
    private let accountSid: String
    private let authorization: String
    private let from: SenderIdentity
    private let statusCallback: String?
    private let transport: ProviderTransport

    /// - Parameters:
    ///   - baseURL: `https://api.twilio.com` in production; a fake's base URL in tests.
    ///   - accountSid: The account (`AC...`), used in the path and as the basic-auth user.
    ///   - authToken: The basic-auth password. Never logged.
    ///   - from: `messagingServiceSid` (sent as `MessagingServiceSid`) if set, else `phone` (sent as `From`).
    ///   - client: Shared client from ``ProviderHTTPClient/make(connectTimeout:readTimeout:connectionsPerHost:)``; not shut down here.
    ///   - timeout: Whole-attempt deadline.
    ///   - clock: "Now" for HTTP-date `Retry-After`.
    ///   - statusCallback: Sent as `StatusCallback`: where Twilio posts the message's status changes (our public
    ///     URL + `/callbacks/twilio/status`); `nil` leaves it out.
    package init(
        baseURL: String,
        accountSid: String,
        authToken: String,
        from: SenderIdentity,
        client: HTTPClient,
        timeout: TimeAmount,
        clock: any WallClock = SystemClock(),
        statusCallback: String? = nil
    ) {
        self.statusCallback = statusCallback
        self.accountSid = accountSid
        self.endpoint = ProviderURL.join(
            baseURL, "/2010-04-01/Accounts/\(FormURLEncoder.escape(accountSid))/Messages.json"
        )
        let credentials = Data("\(accountSid):\(authToken)".utf8).base64EncodedString()
        self.authorization = "Basic \(credentials)"
        self.from = from
        self.transport = ProviderTransport(
            provider: "Twilio", secrets: [authToken, credentials], client: client, timeout: timeout, clock: clock
        )
    }

    package func send(_ message: OutboundMessage) async -> ProviderResult {
        guard message.channel == .sms else {
            return transport.rejected("cannot send \(message.channel.rawValue) messages")
        }
        var fields: [(name: String, value: String)] = [("To", message.to)]
        if let service = from.messagingServiceSid.providerNonEmpty {
            fields.append(("MessagingServiceSid", service))
        } else if let phone = from.phone.providerNonEmpty {
            fields.append(("From", phone))
        } else {
            return transport.rejected("no sender phone or messaging service configured")
        }
        fields.append(("Body", message.text))
        if let statusCallback { fields.append(("StatusCallback", statusCallback)) }

        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: ProviderUserAgent.value)
        request.body = .bytes(ByteBuffer(string: FormURLEncoder.encode(fields)))
        return await transport.send(request) { classify($0) }
    }

    /// Twilio's message list filtered by recipient (`GET …/Messages.json?To=<number>&PageSize=50`), matched on our
    /// exact text: Twilio keeps no key of ours. A message still queued has no `date_sent` yet, so the date is not
    /// used to narrow the list.
    package func lookUp(_ message: OutboundMessage) async -> SentMessageLookup {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let to = message.to.addingPercentEncoding(withAllowedCharacters: allowed) ?? message.to
        return await transport.lookUp(endpoint + "?To=\(to)&PageSize=50", headers: [("Authorization", authorization)]) { body in
            guard let page = try? JSONDecoder().decode(TwilioMessageList.self, from: Data(body)) else { return .failed("unreadable message list") }
            guard let match = page.messages.first(where: { $0.to == message.to && $0.body == message.text }), let sid = match.sid else { return .notFound }
            return .found(messageId: sid)
        }
    }

    /// Twilio's error codes that refuse the recipient for good (21610: it replied STOP) are permanent failures that
    /// suppress the number.
    private func classify(_ response: ProviderHTTPResponse) -> (SendOutcome, SuppressionReason?) {
        let decoded = TwilioResponseBody.decode(response.body)
        if response.isSuccess {
            return (transport.classifier.outcome(status: response.status, messageId: decoded?.sid.providerNonEmpty,
                                                 errorMessage: nil, retryAfter: nil), nil)
        }
        let errorMessage = response.errorMessage(decoded?.message, code: decoded?.code, codeLabel: "code")
        if let code = decoded?.code, SuppressionReason.twilioSuppressingErrorCodes.contains(code), (400..<500).contains(response.status) {
            return (.permanent(reason: transport.classifier.reason(status: response.status, message: errorMessage)), .carrier)
        }
        return (transport.classifier.outcome(
            status: response.status,
            messageId: nil,
            errorMessage: errorMessage,
            retryAfter: response.retryAfter(now: transport.clock.now())
        ), nil)
    }
}
