/// Builds a Stripe query string in the form encoding Stripe's servers parse (Rack-style nested keys).
///
/// Keys and values are percent-encoded strictly (RFC 3986 unreserved characters only stay literal), so brackets
/// go on the wire as `%5B`/`%5D`: `types%5B%5D=invoice.paid&created%5Bgte%5D=1764000000`. Stripe decodes these
/// exactly like the literal `types[]=` some SDKs send. Parameters keep the order they were appended in.
struct StripeQuery: Sendable, Equatable {
    private(set) var items: [(name: String, value: String)] = []

    static func == (lhs: StripeQuery, rhs: StripeQuery) -> Bool {
        lhs.items.elementsEqual(rhs.items) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Appends `name=value`.
    mutating func append(_ name: String, _ value: String) {
        items.append((name, value))
    }

    /// Appends `name[]=value` once per value (an array parameter such as `types`).
    mutating func appendArray(_ name: String, _ values: [String]) {
        for value in values { items.append(("\(name)[]", value)) }
    }

    /// Appends `name[key]=value` (a hash parameter such as `created[gte]`).
    mutating func appendHash(_ name: String, _ key: String, _ value: String) {
        items.append(("\(name)[\(key)]", value))
    }

    /// The encoded query, without a leading `?`; empty when there are no parameters.
    var encoded: String {
        items.map { "\(Self.escape($0.name))=\(Self.escape($0.value))" }.joined(separator: "&")
    }

    /// Percent-encodes everything outside RFC 3986's unreserved set (`A-Z a-z 0-9 - . _ ~`), as UTF-8.
    static func escape(_ string: String) -> String {
        var output = ""
        output.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%"
                output.unicodeScalars.append(hexDigits[Int(byte >> 4)])
                output.unicodeScalars.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return output
    }

    private static let hexDigits: [Unicode.Scalar] = Array("0123456789ABCDEF".unicodeScalars)
}
