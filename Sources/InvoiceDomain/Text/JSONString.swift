/// JSON string literals for the few places that write JSON by hand on hot paths (webhook receipts, audit headers,
/// log lines), where `JSONEncoder`'s generic machinery costs more than the work itself.
package enum JSONString {
    /// `text` as a JSON string literal.
    package static func quoted(_ text: String) -> String {
        var json = ""
        json.reserveCapacity(text.utf8.count + 2)
        append(text, to: &json)
        return json
    }

    /// Appends `text` as a JSON string literal: RFC 8259 escapes for `"`, `\` and control characters,
    /// everything else (including `/` and non-ASCII) as it is.
    ///
    /// Works on UTF-8 bytes and copies the runs between escapes whole: e-mail HTML (quoted attributes, newlines)
    /// is escaped many times per kilobyte.
    package static func append(_ text: String, to json: inout String) {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            guard bytes.contains(where: needsEscape) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8 + 8)
            var runStart = 0
            for index in 0..<bytes.count where needsEscape(bytes[index]) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                escape(bytes[index], into: &out)
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            return String(decoding: out, as: UTF8.self)
        }
        json += "\""
        json += escaped ?? text
        json += "\""
    }

    /// Appends `object` as a JSON object of strings, keys sorted (stable output for audit rows and request bodies).
    package static func append(object: [String: String], to json: inout String) {
        json.reserveCapacity(json.utf8.count + object.reduce(2) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 })
        json += "{"
        for (index, key) in object.keys.sorted().enumerated() {
            if index > 0 { json += "," }
            append(key, to: &json)
            json += ":"
            append(object[key] ?? "", to: &json)
        }
        json += "}"
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
    }

    private static func escape(_ byte: UInt8, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        }
    }
}
