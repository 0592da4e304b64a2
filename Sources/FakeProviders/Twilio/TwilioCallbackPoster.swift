import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import Synchronization
import NIOHTTP1

/// What FakeTwilio does after accepting a message that carries a `StatusCallback`, as Twilio does: posts the
/// message's status changes there, form-encoded and signed with `X-Twilio-Signature` (base64 HMAC-SHA1 with the
/// auth token over the callback URL + the parameters sorted by name).
package final class TwilioCallbackPoster: Sendable {
    /// How the fake's messages end.
    package enum Outcome: Sendable, Equatable {
        /// `sent`, then `delivered`.
        case delivered
        /// `sent`, then `undelivered` with this error code (e.g. 30003, unreachable).
        case undelivered(errorCode: Int)
    }

    /// One callback posted: the status and the answer the receiver gave (`nil` when it could not be reached).
    package struct Posted: Sendable, Equatable {
        package var messageSid: String
        package var status: String
        package var httpStatus: Int?
    }

    private let authToken: String
    private let accountSid: String
    private let state = Mutex<(outcome: Outcome, redirect: String?, posted: [Posted])>((.delivered, nil, []))

    init(accountSid: String, authToken: String) {
        self.accountSid = accountSid
        self.authToken = authToken
    }

    var posted: [Posted] { state.withLock { $0.posted } }

    func set(outcome: Outcome) { state.withLock { $0.outcome = outcome } }

    /// Sends callbacks to this base URL (`http://127.0.0.1:<port>`) instead of the callback URL's own scheme, host and
    /// port (the relay's public URL, which loopback tests cannot reach); the signature still covers the callback URL.
    func set(redirect: String?) { state.withLock { $0.redirect = redirect } }

    /// Posts `sent` then the outcome's final status for one accepted message, in order, in the background.
    func messageAccepted(sid: String, to: String, from: String?, callback: String) {
        let (outcome, redirect) = state.withLock { ($0.outcome, $0.redirect) }
        Task {
            var steps: [[(String, String)]] = [[("MessageStatus", "sent")]]
            switch outcome {
            case .delivered: steps.append([("MessageStatus", "delivered")])
            case .undelivered(let code): steps.append([("MessageStatus", "undelivered"), ("ErrorCode", String(code))])
            }
            for step in steps {
                var fields: [(String, String)] = [
                    ("AccountSid", accountSid), ("ApiVersion", "2010-04-01"), ("MessageSid", sid), ("SmsSid", sid), ("To", to),
                ]
                if let from { fields.append(("From", from)) }
                fields += step
                fields += step.filter { $0.0 == "MessageStatus" }.map { ("SmsStatus", $0.1) }
                let status = await post(fields, to: callback, redirect: redirect)
                let value = step.first { $0.0 == "MessageStatus" }?.1 ?? ""
                state.withLock { $0.posted.append(Posted(messageSid: sid, status: value, httpStatus: status)) }
            }
        }
    }

    /// Posts a signed inbound message (`Body` from `from`) to `url`, as a number's Messaging webhook does.
    /// - Returns: the receiver's status and body (TwiML), or `nil` when it could not be reached.
    func inbound(body: String, from: String, to: String, url: String, redirect: String?) async -> (Int, String)? {
        let fields = [("AccountSid", accountSid), ("Body", body), ("From", from), ("MessageSid", FakeIdentifiers.twilioMessageSid()), ("NumMedia", "0"), ("To", to)]
        return await exchange(fields, to: url, redirect: redirect)
    }

    private func post(_ fields: [(String, String)], to url: String, redirect: String?) async -> Int? {
        await exchange(fields, to: url, redirect: redirect)?.0
    }

    private func exchange(_ fields: [(String, String)], to url: String, redirect: String?) async -> (Int, String)? {
        var request = HTTPClientRequest(url: Self.target(url, redirect: redirect))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "X-Twilio-Signature", value: Self.signature(url: url, fields: fields, authToken: authToken))
        request.body = .bytes(ByteBuffer(string: Self.encode(fields)))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            let body = try await response.body.collect(upTo: 64 * 1024)
            return (Int(response.status.code), String(buffer: body))
        } catch {
            return nil
        }
    }

    static func signature(url: String, fields: [(String, String)], authToken: String) -> String {
        var hmac = HMAC<Insecure.SHA1>(key: SymmetricKey(data: Data(authToken.utf8)))
        hmac.update(data: Data(url.utf8))
        for (name, value) in fields.sorted(by: { $0.0 < $1.0 }) {
            hmac.update(data: Data(name.utf8))
            hmac.update(data: Data(value.utf8))
        }
        return Data(hmac.finalize()).base64EncodedString()
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(separator: "&")
    }

    /// `url` with its scheme, host and port replaced by `redirect`'s.
    static func target(_ url: String, redirect: String?) -> String {
        guard let redirect, let original = URLComponents(string: url), var target = URLComponents(string: redirect) else { return url }
        target.percentEncodedPath = original.percentEncodedPath
        target.percentEncodedQuery = original.percentEncodedQuery
        return target.string ?? url
    }
}
