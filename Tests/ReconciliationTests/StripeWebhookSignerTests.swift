import FakeProviders
import Foundation
import TestFixtures
import Testing

@Suite("StripeWebhookSigner")
struct StripeWebhookSignerTests {
    private struct Vectors: Decodable {
        struct Stripe: Decodable {
            var secret: String
            var timestamp: Int64
            var payload: String
            var header: String
        }

        struct Rotation: Decodable {
            var secrets: [String]
            var timestamp: Int64
            var payload: String
            var header: String
        }

        var stripe: Stripe
        var stripe_rotation: Rotation
    }

    /// The SDK-made vectors, from the `TestFixtures` resources.
    private func vectors() throws -> Vectors {
        try JSONDecoder().decode(Vectors.self, from: Fixtures.vectorBytes("webhook-signatures.json"))
    }

    @Test("matches stripe-python's header for the shared vector")
    func sharedVector() throws {
        let vector = try vectors().stripe
        let header = StripeWebhookSigner.signatureHeader(payload: Array(vector.payload.utf8), secret: vector.secret, timestamp: vector.timestamp)
        #expect(header == vector.header)
    }

    @Test("signs with every secret while one is being rolled")
    func rotationVector() throws {
        let vector = try vectors().stripe_rotation
        let header = StripeWebhookSigner.signatureHeader(payload: Array(vector.payload.utf8), secrets: vector.secrets, timestamp: vector.timestamp)
        #expect(header == vector.header)
    }

    @Test("any change to payload, secret or timestamp changes the signature")
    func sensitivity() throws {
        let vector = try vectors().stripe
        let payload = Array(vector.payload.utf8)
        let base = StripeWebhookSigner.signature(payload: payload, secret: vector.secret, timestamp: vector.timestamp)
        #expect(base.count == 64)
        #expect(StripeWebhookSigner.signature(payload: payload + [0x0A], secret: vector.secret, timestamp: vector.timestamp) != base)
        #expect(StripeWebhookSigner.signature(payload: payload, secret: vector.secret + "x", timestamp: vector.timestamp) != base)
        #expect(StripeWebhookSigner.signature(payload: payload, secret: vector.secret, timestamp: vector.timestamp + 1) != base)
    }
}
