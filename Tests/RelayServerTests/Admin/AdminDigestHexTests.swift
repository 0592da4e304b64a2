import Foundation
@testable import RelayServer
import Testing
import RelayAdmin

/// Stored token hashes and idempotency fingerprints are lower-case hex SHA-256; their text must never change,
/// or existing tokens and stored idempotency keys stop matching.
@Suite struct AdminDigestHexTests {
    @Test func everyByteEncodesLikePrintfLowercaseHex() {
        let bytes = (0...255).map { UInt8($0) }
        #expect(bytes.lowercaseHex == bytes.map { String(format: "%02x", $0) }.joined())
        #expect([UInt8]().lowercaseHex == "")
    }

    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("irt_", "5bdb04cc72e4bde7830279a089f8d98856db0c7d503ab76a04483815634e28c6"),
    ])
    func tokenHashMatchesSHA256Vectors(token: String, expected: String) {
        #expect(AdminTokens.hash(token) == expected)
    }

    @Test func fingerprintMatchesSHA256OfMethodURIAndBody() {
        let body: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFF] + Array("{}".utf8)
        #expect(IdempotencyGate.fingerprint(method: "POST", uri: "/v1/deliveries/7/replay?force=true", body: body)
            == "4622a58137618576dc91bd3de13df8a033db61affa881877c6d2cbebb702cb6e")
        #expect(IdempotencyGate.fingerprint(method: "GET", uri: "/", body: [])
            == "e120c1625982c2fd785ce9ccb81d519b2bc8ba59c68469557db040d4cd0293d7")
    }
}
