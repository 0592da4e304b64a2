@testable import DeliveryFeedback
import Foundation
import Testing

/// The providers' own SDK-made callbacks verify; one changed byte in body, URL, parameter or timestamp does not.
@Suite struct SignatureVectorTests {
    static func form(_ body: String) throws -> [(name: String, value: String)] {
        try FormParameters(body: Array(body.utf8)).pairs
    }

    @Test func twilioStatusCallbackVerifies() throws {
        let vector = try CallbackVectors.load().twilio_status_callback
        let validator = TwilioRequestValidator(authToken: vector.auth_token)
        let parameters = try Self.form(vector.form_body)
        #expect(validator.signature(url: vector.url, parameters: parameters) == vector.header)
        #expect(validator.isValid(vector.header, url: vector.url, parameters: parameters))
    }

    @Test func twilioInboundStopVerifies() throws {
        let vector = try CallbackVectors.load().twilio_inbound_stop
        let validator = TwilioRequestValidator(authToken: vector.auth_token)
        #expect(validator.isValid(vector.header, url: vector.url, parameters: try Self.form(vector.form_body)))
    }

    @Test func twilioDocumentedExampleVerifies() throws {
        let vector = try CallbackVectors.load().twilio_docs_example
        let validator = TwilioRequestValidator(authToken: vector.auth_token)
        #expect(validator.signature(url: vector.url, parameters: vector.params.map { ($0.key, $0.value) }) == vector.header)
    }

    @Test func twilioAcceptsTheSignatureWithOrWithoutThePort() throws {
        let vector = try CallbackVectors.load().twilio_status_callback_port_and_query
        let validator = TwilioRequestValidator(authToken: vector.auth_token)
        let parameters = try Self.form(vector.form_body)
        // Our URL has the port (as a proxy passes it on): Twilio may have signed it with or without.
        #expect(validator.isValid(vector.header_with_port, url: vector.url, parameters: parameters))
        #expect(validator.isValid(vector.header_without_port, url: vector.url, parameters: parameters))
        // Our URL has no port: the signature made without one verifies, one made for port 8443 does not.
        let withoutPort = vector.url.replacingOccurrences(of: ":8443", with: "")
        #expect(validator.isValid(vector.header_without_port, url: withoutPort, parameters: parameters))
        #expect(!validator.isValid(vector.header_with_port, url: withoutPort, parameters: parameters))
        // The query string is part of the URL: another query is another URL.
        #expect(!validator.isValid(vector.header_with_port, url: vector.url.replacingOccurrences(of: "acme", with: "acmf"), parameters: parameters))
    }

    @Test func twilioRefusesAnyChangedByte() throws {
        let vector = try CallbackVectors.load().twilio_status_callback
        let validator = TwilioRequestValidator(authToken: vector.auth_token)
        let parameters = try Self.form(vector.form_body)
        #expect(!validator.isValid(vector.header, url: vector.url + "x", parameters: parameters))
        #expect(!validator.isValid(vector.header, url: vector.url.replacingOccurrences(of: "https", with: "http"), parameters: parameters))
        var changed = parameters
        changed[0].value += "1"
        #expect(!validator.isValid(vector.header, url: vector.url, parameters: changed))
        #expect(!validator.isValid(vector.header, url: vector.url, parameters: parameters + [("Extra", "")]))
        #expect(!TwilioRequestValidator(authToken: vector.auth_token + "x").isValid(vector.header, url: vector.url, parameters: parameters))
        #expect(!validator.isValid("", url: vector.url, parameters: parameters))
    }

    @Test func sendgridEventWebhookVerifies() throws {
        let vector = try CallbackVectors.load().sendgrid_event_webhook
        let verifier = try SendGridEventVerifier(publicKey: vector.public_key, tolerance: 300)
        let now = Date(timeIntervalSince1970: TimeInterval(vector.timestamp)! + 10)
        try verifier.verify(signature: vector.signature, timestamp: vector.timestamp, body: Array(vector.payload.utf8), now: now)
    }

    @Test func sendgridRefusesAChangedBodyTimestampOrSignatureAndAStaleTimestamp() throws {
        let vector = try CallbackVectors.load().sendgrid_event_webhook
        let verifier = try SendGridEventVerifier(publicKey: vector.public_key, tolerance: 300)
        let now = Date(timeIntervalSince1970: TimeInterval(vector.timestamp)!)
        var body = Array(vector.payload.utf8)
        body[body.count / 2] ^= 0x01
        #expect(throws: FeedbackError.self) { try verifier.verify(signature: vector.signature, timestamp: vector.timestamp, body: body, now: now) }
        // Without the body's trailing CRLF the signed bytes differ.
        #expect(throws: FeedbackError.self) {
            try verifier.verify(signature: vector.signature, timestamp: vector.timestamp, body: Array(vector.payload.utf8.dropLast(2)), now: now)
        }
        let otherTimestamp = String(Int(vector.timestamp)! + 1)
        #expect(throws: FeedbackError.self) {
            try verifier.verify(signature: vector.signature, timestamp: otherTimestamp, body: Array(vector.payload.utf8), now: now)
        }
        #expect(throws: FeedbackError.self) {
            try verifier.verify(signature: vector.signature, timestamp: vector.timestamp, body: Array(vector.payload.utf8), now: now.addingTimeInterval(301))
        }
        #expect(throws: FeedbackError.self) {
            try verifier.verify(signature: nil, timestamp: vector.timestamp, body: Array(vector.payload.utf8), now: now)
        }
        #expect(throws: FeedbackError.self) {
            try verifier.verify(signature: "bm90IGEgc2lnbmF0dXJl", timestamp: vector.timestamp, body: Array(vector.payload.utf8), now: now)
        }
    }

    @Test func sendgridRefusesAKeyThatIsNotAP256Key() {
        #expect(throws: FeedbackError.self) { try SendGridEventVerifier(publicKey: "bm90IGEga2V5", tolerance: 300) }
    }

    @Test func basicCredentialsCompareTheWholePair() throws {
        let credentials = BasicCredentials(username: "postmark", password: "s3cret")
        try credentials.verify(authorization: "Basic " + Data("postmark:s3cret".utf8).base64EncodedString())
        for wrong in ["postmark:s3cre", "postmark:s3cret2", "Postmark:s3cret", ":", ""] {
            #expect(throws: FeedbackError.self) { try credentials.verify(authorization: "Basic " + Data(wrong.utf8).base64EncodedString()) }
        }
        #expect(throws: FeedbackError.self) { try credentials.verify(authorization: nil) }
        #expect(throws: FeedbackError.self) { try credentials.verify(authorization: "Bearer postmark:s3cret") }
    }
}
