/// Counts SMS segments the way carriers bill them (3GPP TS 23.038 / 23.040).
///
/// A message that fits the GSM 03.38 alphabet is sent as GSM-7: basic-table characters take one septet,
/// extension-table characters (`^ { } \ [ ~ ] | €` and form feed) take two (escape + code). One segment
/// holds 160 septets; a longer message is split into segments of 153 (the rest is the concatenation
/// header), and an escape pair is never split. Any other character switches the whole message to UCS-2:
/// 70 UTF-16 code units in one segment, 67 per segment when split, surrogate pairs kept together.
package enum SMSSegments {
    /// Encoding, segment count and length in encoding units of `text`.
    package static func measure(_ text: String) -> SMSSegmentInfo {
        if let widths = gsm7Widths(text) {
            let total = widths.reduce(0, +)
            return SMSSegmentInfo(encoding: .gsm7, segments: segments(widths, total: total, single: 160, multipart: 153), characters: total)
        }
        let widths = text.unicodeScalars.map { $0.utf16.count }
        let total = widths.reduce(0, +)
        return SMSSegmentInfo(encoding: .ucs2, segments: segments(widths, total: total, single: 70, multipart: 67), characters: total)
    }

    /// The first character that is not in the GSM-7 alphabet (and so forces UCS-2), if any.
    static func firstNonGSM7Character(in text: String) -> Character? {
        text.first { character in
            character.unicodeScalars.contains { !basic.contains($0) && !extended.contains($0) }
        }
    }

    // MARK: - Private

    private static func gsm7Widths(_ text: String) -> [Int]? {
        var widths: [Int] = []
        widths.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if basic.contains(scalar) {
                widths.append(1)
            } else if extended.contains(scalar) {
                widths.append(2)
            } else {
                return nil
            }
        }
        return widths
    }

    /// Packs unit widths greedily into segments so no multi-unit character straddles a boundary.
    private static func segments(_ widths: [Int], total: Int, single: Int, multipart: Int) -> Int {
        if total == 0 { return 0 }
        if total <= single { return 1 }
        var count = 1
        var used = 0
        for width in widths {
            if used + width > multipart {
                count += 1
                used = 0
            }
            used += width
        }
        return count
    }

    /// GSM 03.38 basic table (127 characters; 0x1B is the escape to the extension table).
    private static let basic: Set<Unicode.Scalar> = Set(
        ("@\u{00A3}$\u{00A5}\u{00E8}\u{00E9}\u{00F9}\u{00EC}\u{00F2}\u{00C7}\n\u{00D8}\u{00F8}\r\u{00C5}\u{00E5}"
            + "\u{0394}_\u{03A6}\u{0393}\u{039B}\u{03A9}\u{03A0}\u{03A8}\u{03A3}\u{0398}\u{039E}\u{00C6}\u{00E6}\u{00DF}\u{00C9}"
            + " !\"#\u{00A4}%&'()*+,-./0123456789:;<=>?"
            + "\u{00A1}ABCDEFGHIJKLMNOPQRSTUVWXYZ\u{00C4}\u{00D6}\u{00D1}\u{00DC}\u{00A7}"
            + "\u{00BF}abcdefghijklmnopqrstuvwxyz\u{00E4}\u{00F6}\u{00F1}\u{00FC}\u{00E0}").unicodeScalars
    )

    /// GSM 03.38 extension table: each costs two septets.
    private static let extended: Set<Unicode.Scalar> = Set("\u{000C}^{}\\[~]|\u{20AC}".unicodeScalars)

    static var basicTableCount: Int { basic.count }
}
