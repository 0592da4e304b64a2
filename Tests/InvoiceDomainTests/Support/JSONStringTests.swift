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

    @Test func appendsToWhatIsAlreadyThere() {
        var json = "{\"k\":"
        JSONString.append("v\"", to: &json)
        json += "}"
        #expect(json == #"{"k":"v\""}"#)
    }
}

@Suite struct TrimmedTests {
    @Test(arguments: ["", " ", "abc", " abc", "abc ", "\n\tabc def\r\n", "\u{00A0}Grüße\u{2003}", "é", " é ", "a\u{0085}", "x y"])
    func matchesFoundationTrimming(_ text: String) {
        #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
