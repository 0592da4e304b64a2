import Foundation
import InvoiceDomain
import Testing

@Suite struct JSONStringTests {
    @Test(arguments: [
        "", "evt_1QxTestVector0001", "https://invoice.stripe.com/i/acct_1/x?y=z", "Grüße 👋 中文", #"say "hi""#, #"back\slash"#,
        "line\nbreak\r\ttab", "\u{0}\u{1}\u{1F}\u{7F}", "mixed \"é\"\n\u{8}\u{C}",
    ])
    func decodesBackToTheSameText(_ text: String) throws {
        let quoted = JSONString.quoted(text)
        #expect(quoted.hasPrefix("\"") && quoted.hasSuffix("\""))
        #expect(try JSONDecoder().decode(String.self, from: Data(quoted.utf8)) == text)
        #expect(!quoted.dropFirst().dropLast().unicodeScalars.contains { $0.value < 0x20 }, "control characters are escaped")
    }

    @Test func decodesBackForRandomMixes() throws {
        let pieces = ["a", "Z", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "中", "👋", "<p style=\"x\">", " "]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let quoted = JSONString.quoted(text)
            #expect(try JSONDecoder().decode(String.self, from: Data(quoted.utf8)) == text, "\(text.debugDescription)")
        }
    }

    @Test func appendsToWhatIsAlreadyThere() {
        var json = "{\"k\":"
        JSONString.append("v\"", to: &json)
        json += "}"
        #expect(json == #"{"k":"v\""}"#)
    }
}

@Suite struct TrimmedTests {
    @Test(arguments: [
        "", " ", "abc", " abc", "abc ", "\n\tabc def\r\n", "\u{00A0}Grüße\u{2003}", "é", " é ", "a\u{0085}", "x y", "\n",
        "\r\n\r\n", "text\n", "\u{000B}\u{000C}x\u{000B}", " \u{00A0}x\u{00A0} ", "\u{0085}x", "\u{7F}", " \u{1F}a\u{1F} ",
    ])
    func matchesFoundationTrimming(_ text: String) {
        #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func matchesFoundationOnRandomMixes() {
        let pieces = [" ", "\t", "\n", "\r", "\u{000B}", "\u{000C}", "\u{00A0}", "\u{2028}", "\u{0085}", "\u{3000}", "a", "é", "-", "\u{1F}", "🙂"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(text.unicodeScalars))")
        }
    }
}
