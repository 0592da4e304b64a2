import Foundation
import TestFixtures

/// The SDK-made signature vectors (`webhook-signatures.json`), read from the `TestFixtures` resources.
struct TestVectors: Decodable, Sendable {
    struct Stripe: Decodable, Sendable {
        var secret: String
        var timestamp: Int64
        var payload: String
        var header: String
        var toleranceSecondsDefault: Double

        enum CodingKeys: String, CodingKey {
            case secret, timestamp, payload, header
            case toleranceSecondsDefault = "tolerance_seconds_default"
        }
    }

    struct StripeRotation: Decodable, Sendable {
        var secrets: [String]
        var header: String
        var payload: String
        var timestamp: Int64
    }

    struct StripeDotnet: Decodable, Sendable {
        var secret: String
        var payloadFile: String
        var header: String
        var nowValid: Int64
        var nowOutsideTolerance: Int64

        enum CodingKeys: String, CodingKey {
            case secret, header
            case payloadFile = "payload_file"
            case nowValid = "now_valid"
            case nowOutsideTolerance = "now_outside_tolerance"
        }
    }

    struct StandardWebhooks: Decodable, Sendable, CustomStringConvertible {
        var source: String
        var secret: String
        var id: String
        var timestamp: String
        var payload: String
        var signature: String

        enum CodingKeys: String, CodingKey {
            case source, secret, payload
            case id = "webhook-id"
            case timestamp = "webhook-timestamp"
            case signature = "webhook-signature"
        }

        var description: String { source }

        var headers: [String: String] {
            ["webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature]
        }
    }

    struct GitHub: Decodable, Sendable {
        var secret: String
        var payload: String
        var headerName: String
        var header: String

        enum CodingKeys: String, CodingKey {
            case secret, payload, header
            case headerName = "header_name"
        }
    }

    var stripe: Stripe
    var stripeRotation: StripeRotation
    var stripeOfficialDotnet: StripeDotnet
    var standardWebhooks: StandardWebhooks
    var standardWebhooksOfficial: [StandardWebhooks]
    var githubOfficial: GitHub

    enum CodingKeys: String, CodingKey {
        case stripe
        case stripeRotation = "stripe_rotation"
        case stripeOfficialDotnet = "stripe_official_dotnet"
        case standardWebhooks = "standard_webhooks"
        case standardWebhooksOfficial = "standard_webhooks_official"
        case githubOfficial = "github_official"
    }

    /// Every Standard Webhooks vector: the standardwebhooks-generated one and the spec's official ones.
    var allStandardWebhooks: [StandardWebhooks] { [standardWebhooks] + standardWebhooksOfficial }

    static func load() throws -> TestVectors {
        try JSONDecoder().decode(TestVectors.self, from: Fixtures.vectorBytes("webhook-signatures.json"))
    }

    /// Bytes of a file beside the vectors, exactly as stored.
    static func fileBytes(_ name: String) throws -> [UInt8] {
        Array(try Fixtures.vectorBytes(name))
    }
}

extension Date {
    init(unix seconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(seconds))
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
