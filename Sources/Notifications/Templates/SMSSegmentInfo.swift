/// How an SMS body is encoded on the wire and how many message segments (billed parts) it takes.
package struct SMSSegmentInfo: Sendable, Equatable {
    package enum Encoding: String, Sendable {
        /// GSM 03.38 7-bit alphabet: 160 septets in one segment, 153 per segment when split.
        case gsm7
        /// UCS-2 / UTF-16: 70 code units in one segment, 67 per segment when split.
        case ucs2
    }

    package var encoding: Encoding
    /// Number of segments; `0` for an empty message.
    package var segments: Int
    /// Length in the encoding's units: septets for GSM-7 (extension-table characters count 2),
    /// UTF-16 code units for UCS-2.
    package var characters: Int

    package init(encoding: Encoding, segments: Int, characters: Int) {
        self.encoding = encoding
        self.segments = segments
        self.characters = characters
    }
}
