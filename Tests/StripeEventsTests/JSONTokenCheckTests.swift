import Foundation
import Testing
@testable import StripeEvents
import WebhookTestSupport

@Suite("JSON token check (gate of the typed decoding path)")
struct JSONTokenCheckTests {
    private func body(_ token: String) -> [UInt8] {
        Array(#"{"id":"evt_1","zz":"#.utf8) + Array(token.utf8) + Array("}".utf8)
    }

    @Test(arguments: [
        #""plain""#, #""""#, #""\/\b\f\n\r\t\"\\""#, #""\u00e9\u0000\uFFFF""#, "\"José € \u{1F600}\"", "\"a\u{7F}b\"",
        "0", "-0", "7", "-12", "0.5", "-0.25", "1.0", "9223372036854775808", "12345678901234567890123456789012",
        "true", "false", "null", "[1,-2,3.5]", #"{"k":[{"n":-1}]}"#,
    ])
    func acceptsPlainTokens(_ token: String) {
        #expect(JSONTokenCheck.tokensAreConvertible(body(token)))
    }

    @Test(arguments: [
        #""\q""#, #""\ud800""#, #""\uDC00""#, #""\uD83D\uDE00""#, #""\u12""#, #""\uZZZZ""#, "\"a\nb\"", "\"a\tb\"", "\"a\u{01}b\"",
        "01", "-01", "00", "1.", "1.e5", "1e3", "1E2", "1e-400", "2e308", "-", "1-2", "--1", "1+", "1.5.5",
        "123456789012345678901234567890123", #""unterminated"#, #""ends in backslash\"#,
    ])
    func rejectsUnusualTokens(_ token: String) {
        #expect(!JSONTokenCheck.tokensAreConvertible(body(token)))
    }

    @Test(arguments: [[0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] as [[UInt8]])
    func rejectsInvalidUTF8InStrings(_ bytes: [UInt8]) {
        #expect(!JSONTokenCheck.tokensAreConvertible(Array(#"{"id":""#.utf8) + bytes + Array(#""}"#.utf8)))
        #expect(!JSONTokenCheck.tokensAreConvertible(Array(#"{""#.utf8) + bytes + Array(#"":1}"#.utf8)))
    }

    @Test func rejectsNonASCIIOutsideStrings() {
        #expect(!JSONTokenCheck.tokensAreConvertible(Array("\u{FEFF}{}".utf8)))
        #expect(!JSONTokenCheck.tokensAreConvertible(Array("{\"a\":é}".utf8)))
    }

    /// The check exists so that the typed path skips only values the schema-less decode would convert:
    /// whenever it passes on a body the decoder scans, the schema-less decode must succeed.
    @Test(arguments: DecoderCorpus.unusualTokens)
    func passingMeansTheSchemalessDecodeSucceeds(_ token: String) {
        for bytes in [body(token), body("[\(token)]"), Array("{\"\(token.replacingOccurrences(of: "\"", with: ""))\":1}".utf8)] {
            let scans = (try? JSONDecoder().decode(Unread.self, from: Data(bytes))) != nil
            guard scans, JSONTokenCheck.tokensAreConvertible(bytes) else { continue }
            #expect((try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))) != nil, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    @Test func realisticEventPasses() {
        #expect(JSONTokenCheck.tokensAreConvertible(RealisticStripeEvent.bytes))
    }

    /// Decodes nothing, so only the decoder's up-front scan can fail.
    private struct Unread: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}
