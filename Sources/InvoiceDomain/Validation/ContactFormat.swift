/// Format checks for the contact details reminders are sent to.
///
/// Deliberately pragmatic: they reject what would break a send (spaces, line breaks, a missing domain)
/// rather than implementing RFC 5322; the provider has the last word on deliverability.
package enum ContactFormat {
    /// Maximum length of an address in a mail path (RFC 5321), in bytes.
    package static let maxEmailLength = 254

    /// An e-mail address with exactly one `@`, a non-empty local part, a domain containing a dot with
    /// no empty labels, no whitespace or control characters, at most 254 bytes.
    package static func isValidEmail(_ s: String) -> Bool {
        let bytes = s.utf8
        guard !bytes.isEmpty, bytes.count <= maxEmailLength else { return false }
        // ASCII is settled byte by byte (whitespace and controls are at or below space, or DEL);
        // Unicode's properties are consulted only for scalars beyond ASCII.
        if !bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            guard !s.unicodeScalars.contains(where: {
                $0.value <= 0x20 || $0.value == 0x7F || $0.properties.isWhitespace || $0.properties.generalCategory == .control
            }) else { return false }
        }
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at != bytes.startIndex else { return false }
        let domain = bytes[bytes.index(after: at)...]
        // One pass over the domain: no `@`, at least one `.`, and no empty label (leading, trailing or doubled dot).
        var dots = 0
        var previous = UInt8(ascii: ".")
        for byte in domain {
            if byte == UInt8(ascii: "@") || (byte == UInt8(ascii: ".") && previous == UInt8(ascii: ".")) { return false }
            if byte == UInt8(ascii: ".") { dots += 1 }
            previous = byte
        }
        return dots > 0 && previous != UInt8(ascii: ".")
    }

    /// An E.164 phone number: `+`, then 2 to 15 ASCII digits, the first of them 1–9. No spaces or punctuation.
    package static func isValidE164(_ s: String) -> Bool {
        let bytes = s.utf8
        guard bytes.first == UInt8(ascii: "+") else { return false }
        let digits = bytes.dropFirst()
        guard (2...15).contains(digits.count), let first = digits.first, first != UInt8(ascii: "0") else { return false }
        return digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
