import Foundation
import Testing
@testable import WebhookIngest
import WebhookTestSupport

@Suite("Signer reproduces provider signatures")
struct WebhookSignerTests {
    let vectors: TestVectors

    init() throws {
        vectors = try TestVectors.load()
    }

    @Test func stripeMatchesSDKVector() throws {
        let v = vectors.stripe
        let headers = try WebhookSigner(scheme: .stripe(tolerance: 300))
            .headers(body: v.payload.bytes, secret: WebhookSecret(v.secret), timestamp: Date(unix: v.timestamp))
        #expect(headers == ["stripe-signature": v.header])
    }

    @Test(arguments: try TestVectors.load().allStandardWebhooks)
    func standardWebhooksMatchesVector(_ v: TestVectors.StandardWebhooks) throws {
        let ts = try #require(Int64(v.timestamp))
        let headers = try WebhookSigner(scheme: .standardWebhooks(tolerance: 300))
            .headers(body: v.payload.bytes, secret: WebhookSecret(v.secret), timestamp: Date(unix: ts), deliveryId: v.id)
        #expect(headers == v.headers)
    }

    @Test func githubMatchesVector() throws {
        let v = vectors.githubOfficial
        let headers = try WebhookSigner(scheme: .hmac(header: v.headerName, prefix: "sha256=", encoding: .hex))
            .headers(body: v.payload.bytes, secret: WebhookSecret(v.secret), timestamp: Date(unix: 0))
        #expect(headers == ["x-hub-signature-256": v.header])
    }

    @Test(arguments: [
        SignatureScheme.stripe(tolerance: 60), .standardWebhooks(tolerance: 60), .paddle(tolerance: 60),
        .hmac(header: "X-Sig", prefix: "v=", encoding: .hex),
    ])
    func signedDeliveriesVerify(_ scheme: SignatureScheme) throws {
        let secret = WebhookSecret("whsec_" + Data("round trip key".utf8).base64EncodedString())
        let body = Array("{\"n\":\"\u{00E9}\"}\n".utf8)
        let now = Date(unix: 1_764_000_000)
        let headers = try WebhookSigner(scheme: scheme).headers(body: body, secret: secret, timestamp: now, deliveryId: "msg_1")
        let verifier = WebhookVerifier(scheme: scheme)
        #expect(throws: Never.self) { try verifier.verify(body: body, headers: headers, secrets: [secret], now: now) }
        #expect(throws: VerificationError.self) { try verifier.verify(body: Array(body.dropLast()), headers: headers, secrets: [secret], now: now) }
    }

    @Test func unusableSecretThrows() {
        #expect(throws: VerificationError.self) {
            try WebhookSigner(scheme: .standardWebhooks(tolerance: 1)).headers(body: [], secret: WebhookSecret("whsec_!!"), timestamp: Date(unix: 0))
        }
        #expect(throws: VerificationError.self) {
            try WebhookSigner(scheme: .stripe(tolerance: 1)).headers(body: [], secret: WebhookSecret(""), timestamp: Date(unix: 0))
        }
    }
}
