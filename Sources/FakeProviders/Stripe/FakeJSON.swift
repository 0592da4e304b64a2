/// A JSON value with ordered object keys, serialised the way Stripe's API prints it (two-space indentation).
///
/// Keeps the fake's output deterministic and lets already-serialised values (stored event bodies) be embedded as is.
enum FakeJSON: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null
    case array([FakeJSON])
    case object([(String, FakeJSON)])
    /// Bytes that are already JSON, written verbatim.
    case raw([UInt8])

    static func == (lhs: FakeJSON, rhs: FakeJSON) -> Bool { lhs.bytes() == rhs.bytes() }

    /// `.string` or `.null`.
    static func optional(_ value: String?) -> FakeJSON { value.map { .string($0) } ?? .null }
    /// `.int` or `.null`.
    static func optional(_ value: Int64?) -> FakeJSON { value.map { .int($0) } ?? .null }

    /// The serialised value, pretty-printed with two-space indentation.
    func bytes() -> [UInt8] {
        var output: [UInt8] = []
        write(into: &output, indent: 0)
        return output
    }

    private func write(into output: inout [UInt8], indent: Int) {
        switch self {
        case .string(let string):
            Self.writeString(string, into: &output)
        case .int(let value):
            output.append(contentsOf: String(value).utf8)
        case .bool(let value):
            output.append(contentsOf: (value ? "true" : "false").utf8)
        case .null:
            output.append(contentsOf: "null".utf8)
        case .raw(let bytes):
            output.append(contentsOf: bytes)
        case .array(let elements):
            guard !elements.isEmpty else { return output.append(contentsOf: "[]".utf8) }
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(into: &output, indent: indent + 1)
                element.write(into: &output, indent: indent + 1)
            }
            Self.newline(into: &output, indent: indent)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return output.append(contentsOf: "{}".utf8) }
            output.append(UInt8(ascii: "{"))
            for (offset, member) in members.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(into: &output, indent: indent + 1)
                Self.writeString(member.0, into: &output)
                output.append(contentsOf: ": ".utf8)
                member.1.write(into: &output, indent: indent + 1)
            }
            Self.newline(into: &output, indent: indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(into output: inout [UInt8], indent: Int) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case 0x0A: output.append(contentsOf: "\\n".utf8)
            case 0x0D: output.append(contentsOf: "\\r".utf8)
            case 0x09: output.append(contentsOf: "\\t".utf8)
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: "\\u00".utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
