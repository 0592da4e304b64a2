/// JSON string literals for the few places that write JSON by hand on hot paths (webhook receipts, audit headers,
/// log lines), where `JSONEncoder`'s generic machinery costs more than the work itself.
public enum JSONString {
    /// `text` as a JSON string literal.
    public static func quoted(_ text: String) -> String {
        var json = ""
        json.reserveCapacity(text.utf8.count + 2)
        append(text, to: &json)
        return json
    }

    /// Appends `text` as a JSON string literal: RFC 8259 escapes for `"`, `\` and control characters,
    /// everything else (including `/` and non-ASCII) as it is.
    public static func append(_ text: String, to json: inout String) {
        json += "\""
        defer { json += "\"" }
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            json += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
    }
}
