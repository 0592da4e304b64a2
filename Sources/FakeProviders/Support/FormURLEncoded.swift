/// `application/x-www-form-urlencoded` decoding as servers do it (`+` is a space, `%XX` are UTF-8 bytes).
///
/// Used by the fakes of providers whose APIs take form bodies (Twilio, Stripe).
package enum FormURLEncoded {
    /// The `name=value` pairs of a form body, in order; repeated names are kept. Malformed escapes are kept verbatim.
    package static func decode(_ body: some Sequence<UInt8>) -> [(name: String, value: String)] {
        let bytes = Array(body)
        guard !bytes.isEmpty else { return [] }
        return bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                return (unescape(pair[pair.startIndex..<equals]), unescape(pair[(equals + 1)...]))
            }
            return (unescape(pair[...]), "")
        }
    }

    /// The form as a dictionary; for repeated names the last value wins.
    package static func decodeFields(_ body: some Sequence<UInt8>) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in decode(body) { fields[name] = value }
        return fields
    }

    /// Percent-decodes one component; `+` becomes a space.
    package static func unescape(_ component: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(component.count)
        var index = component.startIndex
        while index != component.endIndex {
            let byte = component[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"),
                      let high = component.index(index, offsetBy: 1, limitedBy: component.endIndex),
                      high != component.endIndex,
                      let low = component.index(high, offsetBy: 1, limitedBy: component.endIndex),
                      low != component.endIndex,
                      let value = hexValue(component[high], component[low]) {
                output.append(value)
                index = low
            } else {
                output.append(byte)
            }
            index = component.index(after: index)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ high: UInt8, _ low: UInt8) -> UInt8? {
        guard let h = nibble(high), let l = nibble(low) else { return nil }
        return h << 4 | l
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
