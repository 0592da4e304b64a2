import Foundation
import Testing
@testable import WebhookIngest
import WebhookTestSupport

@Suite("Standard Webhooks signatures")
struct StandardWebhooksSignatureTests {
    let verifier = WebhookVerifier(scheme: .standardWebhooks(tolerance: 300))

    private func code(_ v: TestVectors.StandardWebhooks, body: [UInt8]? = nil, headers: [String: String]? = nil, secret: String? = nil, offset: Int64 = 0) -> String? {
        let now = Date(unix: (Int64(v.timestamp) ?? 0) + offset)
        do {
            _ = try verifier.verify(body: body ?? v.payload.bytes, headers: headers ?? v.headers, secrets: [WebhookSecret(secret ?? v.secret)], now: now)
            return nil
        } catch {
            return error.code
        }
    }

    @Test(arguments: try TestVectors.load().allStandardWebhooks)
    func vectorVerifies(_ v: TestVectors.StandardWebhooks) throws {
        let timestamp = try #require(Int64(v.timestamp))
        let verified = try verifier.verify(body: v.payload.bytes, headers: v.headers, secrets: [WebhookSecret(v.secret)], now: Date(unix: timestamp))
        #expect(verified == VerifiedWebhook(deliveryId: v.id, signedAt: Date(unix: timestamp)))
    }

    @Test(arguments: try TestVectors.load().allStandardWebhooks)
    func secretWithoutPrefixVerifies(_ v: TestVectors.StandardWebhooks) throws {
        let bare = try #require(v.secret.hasPrefix("whsec_") ? String(v.secret.dropFirst(6)) : nil)
        #expect(code(v, secret: bare) == nil)
    }

    @Test(arguments: try TestVectors.load().allStandardWebhooks)
    func tamperingFails(_ v: TestVectors.StandardWebhooks) {
        var body = v.payload.bytes
        body[body.count / 2] ^= 0x20
        #expect(code(v, body: body) == "no_matching_signature")
        var otherId = v.headers
        otherId["webhook-id"] = v.id + "x"
        #expect(code(v, headers: otherId) == "no_matching_signature")
        var otherTimestamp = v.headers
        otherTimestamp["webhook-timestamp"] = String((Int64(v.timestamp) ?? 0) + 1)
        #expect(code(v, headers: otherTimestamp, offset: 1) == "no_matching_signature")
        #expect(code(v, secret: "whsec_" + Data(repeating: 7, count: 24).base64EncodedString()) == "no_matching_signature")
    }

    @Test(arguments: try TestVectors.load().allStandardWebhooks)
    func staleAndFutureTimestamps(_ v: TestVectors.StandardWebhooks) {
        #expect(code(v, offset: 300) == nil)
        #expect(code(v, offset: -300) == nil)
        #expect(code(v, offset: 301) == "timestamp_out_of_tolerance")
        #expect(code(v, offset: -301) == "timestamp_out_of_tolerance")
    }

    @Test func severalSignaturesAndOtherVersions() throws {
        let v = try TestVectors.load().standardWebhooks
        let wrong = "v1," + Data(repeating: 1, count: 32).base64EncodedString()
        let withSignature = { (signature: String) -> [String: String] in
            var headers = v.headers
            headers["webhook-signature"] = signature
            return headers
        }
        #expect(code(v, headers: withSignature("\(wrong) \(v.signature)")) == nil)
        #expect(code(v, headers: withSignature("v1a,abc \(v.signature) v2,xyz")) == nil)
        #expect(code(v, headers: withSignature(wrong)) == "no_matching_signature")
        #expect(code(v, headers: withSignature(v.signature.replacingOccurrences(of: "v1,", with: "v2,"))) == "malformed_signature")
        #expect(code(v, headers: withSignature("v1a,abc")) == "malformed_signature")
        #expect(code(v, headers: withSignature("garbage")) == "malformed_signature")
        #expect(code(v, headers: withSignature("v1,not base64!")) == "malformed_signature")
        #expect(code(v, headers: withSignature("v1,c2hvcnQ=")) == "malformed_signature")
    }

    @Test(arguments: ["webhook-id", "webhook-timestamp", "webhook-signature"])
    func missingHeader(_ name: String) throws {
        let v = try TestVectors.load().standardWebhooks
        var headers = v.headers
        headers[name] = nil
        let error = try #require(throws: VerificationError.self) {
            try verifier.verify(body: v.payload.bytes, headers: headers, secrets: [WebhookSecret(v.secret)], now: Date(unix: 1_764_000_100))
        }
        #expect(error.code == "missing_signature")
        #expect(error.message.contains(name))
    }

    @Test(arguments: ["abc", "1764000100.0", "-1764000100", " 1764000100", "1e9"])
    func nonIntegerTimestamp(_ timestamp: String) throws {
        let v = try TestVectors.load().standardWebhooks
        var headers = v.headers
        headers["webhook-timestamp"] = timestamp
        #expect(code(v, headers: headers) == "malformed_signature")
    }

    @Test func unusableSecretIsNotActive() throws {
        let v = try TestVectors.load().standardWebhooks
        #expect(code(v, secret: "whsec_***not base64***") == "no_active_secret")
        #expect(code(v, secret: "whsec_") == "no_active_secret")
    }
}
