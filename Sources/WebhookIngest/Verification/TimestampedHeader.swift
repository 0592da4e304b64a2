/// The shared shape of Stripe's and Paddle's headers: one timestamp and one or more signatures of one version
/// in a `key=value` list. Other keys (older or newer versions) are ignored.
struct TimestampedHeader: Sendable {
    var timestamp: Int64
    var signatures: [[UInt8]]

    /// - Parameters:
    ///   - name: the header as messages name it; `key`: the same, lower-cased, as `headers` holds it.
    static func parse(
        _ headers: [String: String], name: String, key: String, separator: Character, timestampKey: String, signatureKey: String,
        encoding: SignatureEncoding
    ) throws(VerificationError) -> TimestampedHeader {
        guard let raw = headers[key], !raw.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else {
            throw .missingSignature("\(name) header is missing")
        }
        guard let fields = SignatureHeaderFields(raw, separator: separator) else {
            throw .malformedSignature("\(name) header is not a list of key=value pairs")
        }
        let timestamps = fields.values(for: timestampKey)
        guard !timestamps.isEmpty else { throw .malformedSignature("\(name) header has no \(timestampKey)= timestamp") }
        guard timestamps.count == 1 else { throw .malformedSignature("\(name) header has more than one \(timestampKey)= timestamp") }
        guard let timestamp = SignatureBytes.unixSeconds(timestamps[0]) else {
            throw .malformedSignature("\(name) header timestamp \(timestampKey)= is not an integer number of seconds")
        }
        let encoded = fields.values(for: signatureKey)
        guard !encoded.isEmpty else { throw .malformedSignature("\(name) header has no \(signatureKey)= signature") }
        var signatures: [[UInt8]] = []
        for value in encoded {
            guard let bytes = SignatureBytes.decode(value, encoding), bytes.count == SignatureBytes.macLength else {
                throw .malformedSignature("\(name) header has a \(signatureKey)= signature that is not \(SignatureBytes.macLength) bytes of \(encoding.rawValue)")
            }
            signatures.append(bytes)
        }
        return TimestampedHeader(timestamp: timestamp, signatures: signatures)
    }
}
