import Foundation
import TestFixtures

/// The SDK-made signature vectors (`webhook-signatures.json`), read from the `TestFixtures` resources; shared by the
/// signature tests (WebhookIngestTests) and the decoder tests (StripeEventsTests).
package struct TestVectors: Decodable, Sendable {
    package struct Stripe: Decodable, Sendable {
        package var secret: String
        package var timestamp: Int64
        package var payload: String
        package var header: String
        package var toleranceSecondsDefault: Double

        enum CodingKeys: String, CodingKey {
            case secret, timestamp, payload, header
            case toleranceSecondsDefault = "tolerance_seconds_default"
        }
    }

    package struct StripeRotation: Decodable, Sendable {
        package var secrets: [String]
        package var header: String
        package var payload: String
        package var timestamp: Int64
    }

    package struct StripeDotnet: Decodable, Sendable {
        package var secret: String
        package var payloadFile: String
        package var header: String
        package var nowValid: Int64
        package var nowOutsideTolerance: Int64

        enum CodingKeys: String, CodingKey {
            case secret, header
            case payloadFile = "payload_file"
            case nowValid = "now_valid"
            case nowOutsideTolerance = "now_outside_tolerance"
        }
    }

    package struct StandardWebhooks: Decodable, Sendable, CustomStringConvertible {
        package var source: String
        package var secret: String
        package var id: String
        package var timestamp: String
        package var payload: String
        package var signature: String

        enum CodingKeys: String, CodingKey {
            case source, secret, payload
            case id = "webhook-id"
            case timestamp = "webhook-timestamp"
            case signature = "webhook-signature"
        }

        package var description: String { source }

        package var headers: [String: String] {
            ["webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature]
        }
    }

    package struct GitHub: Decodable, Sendable {
        package var secret: String
        package var payload: String
        package var headerName: String
        package var header: String

        enum CodingKeys: String, CodingKey {
            case secret, payload, header
            case headerName = "header_name"
        }
    }

    package var stripe: Stripe
    package var stripeRotation: StripeRotation
    package var stripeOfficialDotnet: StripeDotnet
    package var standardWebhooks: StandardWebhooks
    package var standardWebhooksOfficial: [StandardWebhooks]
    package var githubOfficial: GitHub

    enum CodingKeys: String, CodingKey {
        case stripe
        case stripeRotation = "stripe_rotation"
        case stripeOfficialDotnet = "stripe_official_dotnet"
        case standardWebhooks = "standard_webhooks"
        case standardWebhooksOfficial = "standard_webhooks_official"
        case githubOfficial = "github_official"
    }

    /// Every Standard Webhooks vector: the standardwebhooks-generated one and the spec's official ones.
    package var allStandardWebhooks: [StandardWebhooks] { [standardWebhooks] + standardWebhooksOfficial }

    package static func load() throws -> TestVectors {
        try JSONDecoder().decode(TestVectors.self, from: Fixtures.vectorBytes("webhook-signatures.json"))
    }

    /// Bytes of a file beside the vectors, exactly as stored.
    package static func fileBytes(_ name: String) throws -> [UInt8] {
        Array(try Fixtures.vectorBytes(name))
    }
}

extension Date {
    package init(unix seconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(seconds))
    }
}

extension String {
    package var bytes: [UInt8] { Array(utf8) }
}
