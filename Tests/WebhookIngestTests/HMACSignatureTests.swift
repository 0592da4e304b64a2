import Foundation
import Testing
@testable import WebhookIngest
import WebhookTestSupport

@Suite("Plain HMAC signatures (GitHub)")
struct HMACSignatureTests {
    let vector: TestVectors.GitHub
    let verifier: WebhookVerifier
    let someTime = Date(unix: 1_764_000_000)

    init() throws {
        vector = try TestVectors.load().githubOfficial
        verifier = WebhookVerifier(scheme: .hmac(header: vector.headerName, prefix: "sha256=", encoding: .hex))
    }

    private func code(body: String? = nil, header: String?, secret: String? = nil) -> String? {
        let headers = header.map { [vector.headerName.lowercased(): $0] } ?? [:]
        do {
            _ = try verifier.verify(body: (body ?? vector.payload).bytes, headers: headers, secrets: [WebhookSecret(secret ?? vector.secret)], now: someTime)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func officialVectorVerifies() throws {
        #expect(vector.headerName == "X-Hub-Signature-256")
        let verified = try verifier.verify(
            body: vector.payload.bytes, headers: ["x-hub-signature-256": vector.header], secrets: [WebhookSecret(vector.secret)], now: someTime
        )
        #expect(verified == VerifiedWebhook(deliveryId: nil, signedAt: nil))
    }

    @Test func negativeCases() {
        #expect(code(body: "Hello, World?", header: vector.header) == "no_matching_signature")
        #expect(code(body: "Hello, World! ", header: vector.header) == "no_matching_signature")
        #expect(code(header: vector.header, secret: "It's a secret to everybody") == "no_matching_signature")
        #expect(code(header: nil) == "missing_signature")
        #expect(code(header: String(vector.header.dropFirst("sha256=".count))) == "malformed_signature")
        #expect(code(header: vector.header.replacingOccurrences(of: "sha256=", with: "sha1=")) == "malformed_signature")
        #expect(code(header: "sha256=xyz") == "malformed_signature")
    }

    @Test func base64WithoutPrefixRoundTrip() throws {
        let scheme = SignatureScheme.hmac(header: "X-Signature", prefix: nil, encoding: .base64)
        let secret = WebhookSecret("shopify-like-secret")
        let body = #"{"id":1}"#.bytes
        let headers = try WebhookSigner(scheme: scheme).headers(body: body, secret: secret, timestamp: someTime)
        let signature = try #require(headers["x-signature"])
        #expect(Data(base64Encoded: signature)?.count == 32)
        let verifier = WebhookVerifier(scheme: scheme)
        #expect(throws: Never.self) { try verifier.verify(body: body, headers: headers, secrets: [secret], now: someTime) }
        #expect(throws: VerificationError.self) { try verifier.verify(body: body + [0x20], headers: headers, secrets: [secret], now: someTime) }
    }
}
