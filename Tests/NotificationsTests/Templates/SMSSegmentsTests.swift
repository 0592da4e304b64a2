import Testing

@testable import Notifications

@Suite("SMS segments")
struct SMSSegmentsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var text: String
        var encoding: SMSSegmentInfo.Encoding
        var characters: Int
        var segments: Int
        var testDescription: String { label }
    }

    static let table: [Case] = [
        Case(label: "empty", text: "", encoding: .gsm7, characters: 0, segments: 0),
        Case(label: "160 GSM", text: String(repeating: "a", count: 160), encoding: .gsm7, characters: 160, segments: 1),
        Case(label: "161 GSM", text: String(repeating: "a", count: 161), encoding: .gsm7, characters: 161, segments: 2),
        Case(label: "306 GSM", text: String(repeating: "a", count: 306), encoding: .gsm7, characters: 306, segments: 2),
        Case(label: "307 GSM", text: String(repeating: "a", count: 307), encoding: .gsm7, characters: 307, segments: 3),
        Case(label: "extension char counts 2", text: "a{", encoding: .gsm7, characters: 3, segments: 1),
        Case(label: "80 euro signs", text: String(repeating: "€", count: 80), encoding: .gsm7, characters: 160, segments: 1),
        Case(label: "81 euro signs", text: String(repeating: "€", count: 81), encoding: .gsm7, characters: 162, segments: 2),
        Case(label: "159 GSM + one ^", text: String(repeating: "a", count: 159) + "^", encoding: .gsm7, characters: 161, segments: 2),
        Case(
            label: "escape pair never split across segments",
            text: String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 152),
            encoding: .gsm7, characters: 306, segments: 3
        ),
        Case(label: "German and accents stay GSM", text: "Grüße ÄÖÜ äöü ß é è à Ñ", encoding: .gsm7, characters: 23, segments: 1),
        Case(label: "CRLF is two septets", text: "a\r\nb", encoding: .gsm7, characters: 4, segments: 1),
        Case(label: "one emoji", text: "Paid 😀", encoding: .ucs2, characters: 7, segments: 1),
        Case(label: "70 UCS-2", text: String(repeating: "ł", count: 70), encoding: .ucs2, characters: 70, segments: 1),
        Case(label: "71 UCS-2", text: String(repeating: "ł", count: 71), encoding: .ucs2, characters: 71, segments: 2),
        Case(label: "134 UCS-2", text: String(repeating: "ł", count: 134), encoding: .ucs2, characters: 134, segments: 2),
        Case(label: "135 UCS-2", text: String(repeating: "ł", count: 135), encoding: .ucs2, characters: 135, segments: 3),
        Case(label: "emoji + 68 GSM = 70 units", text: "😀" + String(repeating: "a", count: 68), encoding: .ucs2, characters: 70, segments: 1),
        Case(label: "emoji + 69 GSM = 71 units", text: "😀" + String(repeating: "a", count: 69), encoding: .ucs2, characters: 71, segments: 2),
        Case(label: "curly apostrophe forces UCS-2", text: "It’s due", encoding: .ucs2, characters: 8, segments: 1),
        Case(label: "non-breaking space forces UCS-2", text: "12,00\u{00A0}€", encoding: .ucs2, characters: 7, segments: 1),
    ]

    @Test("measures encoding, length and segments", arguments: table)
    func measures(_ row: Case) {
        let info = SMSSegments.measure(row.text)
        #expect(info == SMSSegmentInfo(encoding: row.encoding, segments: row.segments, characters: row.characters))
    }

    @Test("GSM 03.38 basic table has 127 printable entries")
    func basicTableSize() {
        #expect(SMSSegments.basicTableCount == 127)
    }

    @Test("reports the first character outside GSM-7")
    func firstNonGSM() {
        #expect(SMSSegments.firstNonGSM7Character(in: "Grüße, Łukasz 😀") == "Ł")
        #expect(SMSSegments.firstNonGSM7Character(in: "Plain {text} €") == nil)
    }
}
