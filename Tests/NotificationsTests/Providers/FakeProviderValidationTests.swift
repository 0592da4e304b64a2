import AsyncHTTPClient
import FakeProviders
import Foundation
import NIOCore
@testable import Notifications
import Testing

/// The fakes reject malformed requests the way the real APIs do (status, error shape, provider codes).
@Suite("Fake provider validation")
struct FakeProviderValidationTests {
    /// One raw request to a fake and what it must answer.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var kind: ProviderKind
        var headers: [(String, String)]
        var body: String
        var status: Int
        /// Substrings the response body must contain.
        var expected: [String]
        var path: String? = nil

        var testDescription: String { name }
    }

    static let sendGridAuth = ("Authorization", "Bearer SG.fake-key")
    static let json = ("Content-Type", "application/json")
    static let postmarkAuth = ("X-Postmark-Server-Token", "pm-fake-token")
    static let form = ("Content-Type", "application/x-www-form-urlencoded")
    static let twilioSid = "AC" + String(repeating: "c", count: 32)
    static let twilioAuth = ("Authorization", "Basic " + Data("\(twilioSid):tw-fake-token".utf8).base64EncodedString())
    static let goodSendGrid = #"{"personalizations":[{"to":[{"email":"a@b.co"}]}],"from":{"email":"f@b.co"},"subject":"s","content":[{"type":"text/plain","value":"t"}]}"#

    static let cases: [Case] = [
        Case(name: "SendGrid: no key", kind: .sendGrid, headers: [json], body: goodSendGrid, status: 401,
             expected: [#""errors""#, #""field":null"#, "authorization grant is invalid"]),
        Case(name: "SendGrid: invalid JSON", kind: .sendGrid, headers: [sendGridAuth, json], body: "{", status: 400,
             expected: ["Bad Request"]),
        Case(name: "SendGrid: html before plain", kind: .sendGrid, headers: [sendGridAuth, json],
             body: #"{"personalizations":[{"to":[{"email":"a@b.co"}]}],"from":{"email":"f@b.co"},"subject":"s","content":[{"type":"text/html","value":"h"},{"type":"text/plain","value":"t"}]}"#,
             status: 400, expected: ["text/plain must be first"]),
        Case(name: "SendGrid: no personalizations, no from", kind: .sendGrid, headers: [sendGridAuth, json],
             body: #"{"subject":"s","content":[{"type":"text/plain","value":"t"}]}"#, status: 400,
             expected: [#""field":"personalizations""#, #""field":"from.email""#]),
        Case(name: "SendGrid: non-string custom_args", kind: .sendGrid, headers: [sendGridAuth, json],
             body: #"{"personalizations":[{"to":[{"email":"a@b.co"}]}],"from":{"email":"f@b.co"},"subject":"s","content":[{"type":"text/plain","value":"t"}],"custom_args":{"n":1}}"#,
             status: 400, expected: ["custom_args.n", "Expected: string"]),
        Case(name: "SendGrid: valid", kind: .sendGrid, headers: [sendGridAuth, json], body: goodSendGrid, status: 202,
             expected: []),
        Case(name: "Postmark: no token", kind: .postmark, headers: [json], body: "{}", status: 401,
             expected: [#""ErrorCode":10"#]),
        Case(name: "Postmark: wrong token", kind: .postmark, headers: [("X-Postmark-Server-Token", "nope"), json],
             body: "{}", status: 401, expected: [#""ErrorCode":10"#, "invalid"]),
        Case(name: "Postmark: invalid JSON", kind: .postmark, headers: [postmarkAuth, json], body: "{", status: 422,
             expected: [#""ErrorCode":402"#]),
        Case(name: "Postmark: no recipients", kind: .postmark, headers: [postmarkAuth, json],
             body: #"{"From":"f@b.co","TextBody":"t"}"#, status: 422, expected: [#""ErrorCode":300"#, "Zero recipients"]),
        Case(name: "Postmark: no body", kind: .postmark, headers: [postmarkAuth, json],
             body: #"{"From":"f@b.co","To":"a@b.co"}"#, status: 422, expected: ["TextBody or HtmlBody"]),
        Case(name: "Postmark: valid", kind: .postmark, headers: [postmarkAuth, json, ("Accept", "application/json")],
             body: #"{"From":"f@b.co","To":"a@b.co","TextBody":"t"}"#, status: 200,
             expected: [#""ErrorCode":0"#, #""Message":"OK""#, #""MessageID""#, #""SubmittedAt""#, #""To":"a@b.co""#]),
        Case(name: "Twilio: no auth", kind: .twilio, headers: [form], body: "To=%2B15551234567", status: 401,
             expected: [#""code":20003"#, #""status":401"#, "more_info"]),
        Case(name: "Twilio: no To", kind: .twilio, headers: [twilioAuth, form], body: "From=%2B15557654321&Body=x",
             status: 400, expected: [#""code":21604"#]),
        Case(name: "Twilio: no From", kind: .twilio, headers: [twilioAuth, form], body: "To=%2B15551234567&Body=x",
             status: 400, expected: [#""code":21603"#]),
        Case(name: "Twilio: unencoded plus", kind: .twilio, headers: [twilioAuth, form],
             body: "To=+15551234567&From=%2B15557654321&Body=x", status: 400, expected: [#""code":21211"#]),
        Case(name: "Twilio: no Body", kind: .twilio, headers: [twilioAuth, form],
             body: "To=%2B15551234567&From=%2B15557654321", status: 400, expected: [#""code":21602"#]),
        Case(name: "Twilio: other account", kind: .twilio, headers: [twilioAuth, form],
             body: "To=%2B15551234567&From=%2B15557654321&Body=x", status: 404, expected: [#""code":20404"#],
             path: "/2010-04-01/Accounts/AC\(String(repeating: "d", count: 32))/Messages.json"),
        Case(name: "Twilio: valid", kind: .twilio, headers: [twilioAuth, form],
             body: "To=%2B15551234567&From=%2B15557654321&Body=x", status: 201,
             expected: [#""sid":"SM"#, #""status":"queued""#, #""to":"+15551234567""#]),
    ]

    @Test("Raw requests get the real API's answers", arguments: cases)
    func rawRequest(testCase: Case) async throws {
        let client = ProviderHTTPClient.make(connectTimeout: .seconds(1), readTimeout: .seconds(5))
        let baseURL: String
        let defaultPath: String
        let stop: @Sendable () async -> Void
        let delivered: @Sendable () -> Int
        switch testCase.kind {
        case .sendGrid:
            let fake = try await FakeSendGrid.start(apiKey: "SG.fake-key")
            (baseURL, defaultPath, stop, delivered) = (fake.baseURL, "/v3/mail/send", fake.shutdown, { fake.delivered().count })
        case .postmark:
            let fake = try await FakePostmark.start(serverToken: "pm-fake-token")
            (baseURL, defaultPath, stop, delivered) = (fake.baseURL, "/email", fake.shutdown, { fake.delivered().count })
        case .twilio:
            let fake = try await FakeTwilio.start(accountSid: Self.twilioSid, authToken: "tw-fake-token")
            (baseURL, defaultPath, stop, delivered) = (
                fake.baseURL, "/2010-04-01/Accounts/\(Self.twilioSid)/Messages.json", fake.shutdown, { fake.delivered().count }
            )
        }
        var request = HTTPClientRequest(url: baseURL + (testCase.path ?? defaultPath))
        request.method = .POST
        for (name, value) in testCase.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: testCase.body))
        let outcome: (Int, String)
        do {
            let response = try await client.execute(request, timeout: .seconds(5))
            let body = try await response.body.collect(upTo: 1 << 20)
            outcome = (Int(response.status.code), String(buffer: body))
        } catch {
            try await client.shutdown()
            await stop()
            throw error
        }
        let deliveredCount = delivered()
        try await client.shutdown()
        await stop()

        #expect(outcome.0 == testCase.status, "\(outcome.1)")
        for fragment in testCase.expected {
            #expect(outcome.1.contains(fragment), "missing \(fragment) in \(outcome.1)")
        }
        #expect(deliveredCount == ((200..<300).contains(testCase.status) ? 1 : 0))
    }
}
