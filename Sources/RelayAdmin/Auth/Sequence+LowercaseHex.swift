extension Sequence where Element == UInt8 {
    /// The bytes as lower-case hex, two digits each (`[0x0a, 0xff]` → `"0aff"`): how digests are stored and
    /// compared. Built from a digit table rather than `String(format:)`, which costs a formatter call per byte.
    package var lowercaseHex: String {
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)
