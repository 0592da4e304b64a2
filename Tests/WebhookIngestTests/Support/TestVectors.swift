import Foundation

/// The shared signature vectors in `shared/test-vectors/webhook-signatures.json`, read at test time.
///
/// The folder is found relative to this file: up to the package root (the folder holding `Package.swift`),
/// then `../shared/test-vectors`, which is where both the working tree and CI's clone keep it.
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
        let data = try Data(contentsOf: directory().appendingPathComponent("webhook-signatures.json"))
        return try JSONDecoder().decode(TestVectors.self, from: data)
    }

    /// Bytes of a file beside the vectors, exactly as stored.
    static func fileBytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory().appendingPathComponent(name)))
    }

    static func directory() throws -> URL {
        let file = #filePath
        var folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder.deletingLastPathComponent().appendingPathComponent("shared/test-vectors")
            }
            folder.deleteLastPathComponent()
        }
        throw VectorsNotFound(start: file)
    }

    struct VectorsNotFound: Error, CustomStringConvertible {
        var start: String
        var description: String { "no Package.swift above \(start), so shared/test-vectors cannot be located" }
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
