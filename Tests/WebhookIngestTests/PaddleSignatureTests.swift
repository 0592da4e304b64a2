import Crypto
import Foundation
import Testing
@testable import WebhookIngest
import WebhookTestSupport

@Suite("Paddle signatures")
struct PaddleSignatureTests {
    let verifier = WebhookVerifier(scheme: .paddle(tolerance: 5))
    let secret = "pdl_ntfset_01hxtest_secret_key"
    let body = #"{"event_id":"evt_01hv","event_type":"transaction.paid","occurred_at":"2025-11-24T16:01:40Z","data":{"id":"txn_01"}}"#.bytes
    let ts: Int64 = 1_764_000_100

    /// Signs independently of the module under test, straight from Paddle's documented scheme.
    private func h1(_ body: [UInt8], ts: Int64, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(ts):".utf8) + body, using: SymmetricKey(data: Array(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    private func code(_ header: String?, body: [UInt8]? = nil, now: Int64? = nil) -> String? {
        do {
            _ = try verifier.verify(
                body: body ?? self.body, headers: header.map { ["paddle-signature": $0] } ?? [:], secrets: [WebhookSecret(secret)], now: Date(unix: now ?? ts)
            )
            return nil
        } catch {
            return error.code
        }
    }

    @Test func roundTripWithIndependentSignature() throws {
        let header = "ts=\(ts);h1=\(h1(body, ts: ts, secret: secret))"
        let verified = try verifier.verify(body: body, headers: ["paddle-signature": header], secrets: [WebhookSecret(secret)], now: Date(unix: ts + 5))
        #expect(verified == VerifiedWebhook(deliveryId: nil, signedAt: Date(unix: ts)))
    }

    @Test func everyH1IsCollected() {
        let good = h1(body, ts: ts, secret: secret)
        let other = h1(body, ts: ts, secret: "old-secret")
        #expect(code("ts=\(ts);h1=\(other);h1=\(good)") == nil)
        #expect(code("ts=\(ts);h1=\(good);h1=\(other)") == nil)
        #expect(code("h1=\(good);ts=\(ts)") == nil)
    }

    @Test func mismatch() {
        let good = h1(body, ts: ts, secret: secret)
        #expect(code("ts=\(ts);h1=\(h1(body, ts: ts, secret: "wrong"))") == "no_matching_signature")
        #expect(code("ts=\(ts);h1=\(good)", body: body + [0x0A]) == "no_matching_signature")
        // Signed with Stripe's "." separator instead of Paddle's ":".
        let dotted = HMAC<SHA256>.authenticationCode(for: Array("\(ts).".utf8) + body, using: SymmetricKey(data: Array(secret.utf8)))
        #expect(code("ts=\(ts);h1=\(dotted.map { String(format: "%02x", $0) }.joined())") == "no_matching_signature")
    }

    @Test func timestampAndFormatErrors() {
        let good = h1(body, ts: ts, secret: secret)
        #expect(code("ts=\(ts);h1=\(good)", now: ts + 6) == "timestamp_out_of_tolerance")
        #expect(code("ts=\(ts);h1=\(good)", now: ts - 6) == "timestamp_out_of_tolerance")
        #expect(code(nil) == "missing_signature")
        #expect(code("h1=\(good)") == "malformed_signature")
        #expect(code("ts=\(ts)") == "malformed_signature")
        #expect(code("ts=soon;h1=\(good)") == "malformed_signature")
        #expect(code("ts=\(ts),h1=\(good)") == "malformed_signature")
        #expect(code("nonsense") == "malformed_signature")
    }
}
