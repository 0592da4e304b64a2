import Foundation
import Testing
@testable import WebhookIngest
import WebhookTestSupport

@Suite("Stripe signatures")
struct StripeSignatureTests {
    let vectors: TestVectors
    let verifier = WebhookVerifier(scheme: .stripe(tolerance: 300))

    init() throws {
        vectors = try TestVectors.load()
    }

    private func verify(
        _ body: [UInt8], header: String?, secrets: [WebhookSecret], now: Int64
    ) throws(VerificationError) -> VerifiedWebhook {
        try verifier.verify(body: body, headers: header.map { ["stripe-signature": $0] } ?? [:], secrets: secrets, now: Date(unix: now))
    }

    private func code(_ body: [UInt8], header: String?, secrets: [WebhookSecret], now: Int64) -> String? {
        do {
            _ = try verify(body, header: header, secrets: secrets, now: now)
            return nil
        } catch {
            return error.code
        }
    }

    // MARK: - Vectors

    @Test func sdkVectorVerifies() throws {
        let v = vectors.stripe
        #expect(v.toleranceSecondsDefault == 300)
        let verified = try verify(v.payload.bytes, header: v.header, secrets: [WebhookSecret(v.secret)], now: v.timestamp + 5)
        #expect(verified == VerifiedWebhook(deliveryId: nil, signedAt: Date(unix: v.timestamp)))
    }

    @Test(arguments: [
        (-300, nil), (300, nil), (0, nil),
        (301, "timestamp_out_of_tolerance"), (-301, "timestamp_out_of_tolerance"),
        (86_400, "timestamp_out_of_tolerance"), (-86_400, "timestamp_out_of_tolerance"),
    ] as [(Int64, String?)])
    func toleranceIsSymmetricAndInclusive(offset: Int64, expected: String?) {
        let v = vectors.stripe
        #expect(code(v.payload.bytes, header: v.header, secrets: [WebhookSecret(v.secret)], now: v.timestamp + offset) == expected)
    }

    @Test func rotationEitherSecretAloneVerifies() throws {
        let v = vectors.stripeRotation
        #expect(v.secrets.count == 2)
        for secret in v.secrets {
            #expect(code(v.payload.bytes, header: v.header, secrets: [WebhookSecret(secret)], now: v.timestamp) == nil, "secret #\(v.secrets.firstIndex(of: secret) ?? -1)")
        }
        #expect(code(v.payload.bytes, header: v.header, secrets: v.secrets.map { WebhookSecret($0) }, now: v.timestamp) == nil)
    }

    @Test func rotationExpiredSecretDoesNotVerify() {
        let v = vectors.stripeRotation
        let now = Date(unix: v.timestamp)
        let expiredOld = WebhookSecret(v.secrets[0], expiresAt: now)
        let expiredNew = WebhookSecret(v.secrets[1], expiresAt: now.addingTimeInterval(-1))
        let stillValidOld = WebhookSecret(v.secrets[0], expiresAt: now.addingTimeInterval(1))
        #expect(code(v.payload.bytes, header: v.header, secrets: [expiredOld], now: v.timestamp) == "no_active_secret")
        #expect(code(v.payload.bytes, header: v.header, secrets: [expiredOld, expiredNew], now: v.timestamp) == "no_active_secret")
        #expect(code(v.payload.bytes, header: v.header, secrets: [stillValidOld], now: v.timestamp) == nil)
        #expect(code(v.payload.bytes, header: v.header, secrets: [expiredOld, WebhookSecret(v.secrets[1])], now: v.timestamp) == nil)
        // The only secret that matches has expired; the active one does not match.
        let single = vectors.stripe
        #expect(code(single.payload.bytes, header: single.header, secrets: [expiredOld, WebhookSecret(v.secrets[1])], now: v.timestamp) == "no_matching_signature")
    }

    @Test func officialDotnetFixture() throws {
        let v = vectors.stripeOfficialDotnet
        let payload = try TestVectors.fileBytes(v.payloadFile)
        #expect(payload.count == 484)
        #expect(payload.last == UInt8(ascii: "\n"))
        let secrets = [WebhookSecret(v.secret)]

        let verified = try verify(payload, header: v.header, secrets: secrets, now: v.nowValid)
        #expect(verified.signedAt == Date(unix: 1_533_204_620))
        #expect(code(Array(payload.dropLast()), header: v.header, secrets: secrets, now: v.nowValid) == "no_matching_signature")
        #expect(code(payload, header: v.header, secrets: secrets, now: v.nowOutsideTolerance) == "timestamp_out_of_tolerance")
    }

    @Test func officialDotnetV0IsIgnored() throws {
        let v = vectors.stripeOfficialDotnet
        let payload = try TestVectors.fileBytes(v.payloadFile)
        let parts = v.header.split(separator: ",").map(String.init)
        let t = try #require(parts.first { $0.hasPrefix("t=") })
        let v0 = try #require(parts.first { $0.hasPrefix("v0=") })
        let v1 = try #require(parts.first { $0.hasPrefix("v1=") })
        let secrets = [WebhookSecret(v.secret)]
        // v0 alone is not a signature we accept, even though it is a well-formed entry.
        #expect(code(payload, header: "\(t),\(v0)", secrets: secrets, now: v.nowValid) == "malformed_signature")
        // v0 placed first, or a v0 that is garbage, changes nothing.
        #expect(code(payload, header: "\(v0),\(t),\(v1)", secrets: secrets, now: v.nowValid) == nil)
        #expect(code(payload, header: "\(t),v0=zz,\(v1)", secrets: secrets, now: v.nowValid) == nil)
    }

    // MARK: - Negative

    @Test(arguments: [0, 100, 200, -1])
    func tamperedBodyFails(position: Int) {
        let v = vectors.stripe
        var body = v.payload.bytes
        let index = position < 0 ? body.count - 1 : position
        body[index] ^= 0x01
        #expect(code(body, header: v.header, secrets: [WebhookSecret(v.secret)], now: v.timestamp) == "no_matching_signature")
    }

    @Test func appendedOrTrimmedBodyFails() {
        let v = vectors.stripe
        let secrets = [WebhookSecret(v.secret)]
        #expect(code(v.payload.bytes + [0x0A], header: v.header, secrets: secrets, now: v.timestamp) == "no_matching_signature")
        #expect(code([0x20] + v.payload.bytes, header: v.header, secrets: secrets, now: v.timestamp) == "no_matching_signature")
        #expect(code(Array(v.payload.bytes.dropLast()), header: v.header, secrets: secrets, now: v.timestamp) == "no_matching_signature")
    }

    @Test func wrongSecretFailsWithoutLeakingIt() throws {
        let v = vectors.stripe
        let wrong = "whsec_not_the_right_one"
        let error = try #require(throws: VerificationError.self) {
            try verify(v.payload.bytes, header: v.header, secrets: [WebhookSecret(wrong)], now: v.timestamp)
        }
        #expect(error.code == VerificationError.Code.noMatchingSignature)
        #expect(error.message.contains("Stripe-Signature"))
        let expected = String(v.header.split(separator: "=").last ?? "")
        for text in [error.message, error.description, String(describing: error), String(reflecting: error)] {
            #expect(!text.contains(wrong))
            #expect(!text.contains(v.secret))
            #expect(!text.contains(expected))
        }
    }

    @Test func secretDescriptionIsRedacted() {
        let secret = WebhookSecret("whsec_do_not_print")
        #expect(!"\(secret)".contains("do_not_print"))
        #expect(!String(reflecting: secret).contains("do_not_print"))
    }

    @Test func timestampOffsetIsReportedInMessage() throws {
        let v = vectors.stripe
        let stale = try #require(throws: VerificationError.self) {
            try verify(v.payload.bytes, header: v.header, secrets: [WebhookSecret(v.secret)], now: v.timestamp + 400)
        }
        #expect(stale.message.contains("400s old"))
        let future = try #require(throws: VerificationError.self) {
            try verify(v.payload.bytes, header: v.header, secrets: [WebhookSecret(v.secret)], now: v.timestamp - 400)
        }
        #expect(future.message.contains("in the future"))
    }

    @Test func missingHeader() throws {
        let v = vectors.stripe
        let error = try #require(throws: VerificationError.self) {
            try verify(v.payload.bytes, header: nil, secrets: [WebhookSecret(v.secret)], now: v.timestamp)
        }
        #expect(error.code == "missing_signature")
        #expect(error.message.contains("Stripe-Signature"))
        #expect(code(v.payload.bytes, header: "", secrets: [WebhookSecret(v.secret)], now: v.timestamp) == "missing_signature")
    }

    @Test(arguments: [
        "v1=373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b011e",
        "t=,v1=373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b011e",
        "t=abc,v1=373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b011e",
        "t=1764000100.5,v1=373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b011e",
        "t=-1764000100,v1=373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b011e",
        "t=+1764000100,v1=373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b011e",
        "t=1764000100,t=1764000100,v1=373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b011e",
        "t=1764000100",
        "t=1764000100,v2=373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b011e",
        "t=1764000100,v1=",
        "t=1764000100,v1=not-hex",
        "t=1764000100,v1=373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b011",
        "t=1764000100,v1=373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b01",
        "t=1764000100,v1=373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b011e00",
        "garbage",
        "t=1764000100;v1=373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b011e",
        "sha256=373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b011e",
    ])
    func malformedHeaders(header: String) {
        let v = vectors.stripe
        #expect(code(v.payload.bytes, header: header, secrets: [WebhookSecret(v.secret)], now: v.timestamp) == "malformed_signature")
    }

    @Test func uppercaseHexAndSpacesAroundItemsAreAccepted() {
        let v = vectors.stripe
        let header = "t=1764000100, v1=373350B984BA28C299D769FB1034BE6F99194F1A5B525FAEC7107A8F9B8B011E"
        #expect(code(v.payload.bytes, header: header, secrets: [WebhookSecret(v.secret)], now: v.timestamp) == nil)
    }

    @Test func anyMatchingV1AmongSeveralPasses() {
        let v = vectors.stripe
        let bogus = String(repeating: "ab", count: 32)
        let good = "373350b984ba28c299d769fb1034be6f99194f1a5b525faec7107a8f9b8b011e"
        let secrets = [WebhookSecret("whsec_other"), WebhookSecret(v.secret)]
        #expect(code(v.payload.bytes, header: "t=1764000100,v1=\(bogus),v1=\(good)", secrets: secrets, now: v.timestamp) == nil)
        #expect(code(v.payload.bytes, header: "t=1764000100,v1=\(bogus),v1=\(bogus)", secrets: secrets, now: v.timestamp) == "no_matching_signature")
    }

    @Test func signedTimestampIsPartOfTheMAC() {
        let v = vectors.stripe
        let header = v.header.replacingOccurrences(of: "t=1764000100", with: "t=1764000101")
        #expect(code(v.payload.bytes, header: header, secrets: [WebhookSecret(v.secret)], now: v.timestamp) == "no_matching_signature")
    }

    @Test func noSecretsOrEmptySecret() {
        let v = vectors.stripe
        #expect(code(v.payload.bytes, header: v.header, secrets: [], now: v.timestamp) == "no_active_secret")
        #expect(code(v.payload.bytes, header: v.header, secrets: [WebhookSecret("")], now: v.timestamp) == "no_active_secret")
    }
}

@Suite("Secrets keyed once per source")
struct PreparedKeyTests {
    /// A source keys its secrets once and every delivery copies the keyed HMAC: concurrent deliveries, good and bad,
    /// must each get their own answer (a shared hash state would mix them up).
    @Test func concurrentDeliveriesShareTheKeyedSecretsSafely() async throws {
        let vectors = try TestVectors.load()
        let v = vectors.stripe
        let source = WebhookSource(name: "stripe", scheme: .stripe(tolerance: 300), secrets: [WebhookSecret("whsec_rotated_out"), WebhookSecret(v.secret)])
        let now = Date(unix: v.timestamp + 5)
        let tampered = v.payload.bytes + Array(" ".utf8)
        let results = await withTaskGroup(of: (Bool, Bool).self) { group in
            for index in 0..<400 {
                group.addTask {
                    let good = index % 2 == 0
                    let body = good ? v.payload.bytes : tampered
                    let accepted = (try? source.verify(body: body, headers: ["stripe-signature": v.header], now: now)) != nil
                    return (good, accepted)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 400)
        #expect(results.allSatisfy { $0.0 == $0.1 })
    }
}
