import Foundation
import TestFixtures

/// `callback-signatures.json`: callbacks signed with the providers' own SDKs (twilio-python's `RequestValidator`,
/// sendgrid-python's `EventWebhook`), read from the `TestFixtures` resources.
struct CallbackVectors: Decodable {
    struct TwilioStatus: Decodable {
        var auth_token: String
        var url: String
        var form_body: String
        var header: String
    }

    struct TwilioPortAndQuery: Decodable {
        var auth_token: String
        var url: String
        var form_body: String
        var header_with_port: String
        var header_without_port: String
    }

    struct TwilioDocs: Decodable {
        var auth_token: String
        var url: String
        var params: [String: String]
        var header: String
    }

    struct SendGrid: Decodable {
        var public_key: String
        var timestamp: String
        var signature: String
        var payload: String
    }

    var twilio_status_callback: TwilioStatus
    var twilio_status_callback_port_and_query: TwilioPortAndQuery
    var twilio_inbound_stop: TwilioStatus
    var twilio_docs_example: TwilioDocs
    var sendgrid_event_webhook: SendGrid

    static func load() throws -> CallbackVectors {
        try JSONDecoder().decode(CallbackVectors.self, from: Fixtures.vectorBytes("callback-signatures.json"))
    }

    /// The Postmark bounce payload, re-serialised as Postmark posts it (a JSON object).
    static func postmarkBounce() throws -> [UInt8] {
        let root = try JSONSerialization.jsonObject(with: Fixtures.vectorBytes("callback-signatures.json")) as? [String: Any]
        let bounce = (root?["postmark_bounce"] as? [String: Any])?["payload"] ?? [:]
        return Array(try JSONSerialization.data(withJSONObject: bounce, options: [.sortedKeys]))
    }
}
