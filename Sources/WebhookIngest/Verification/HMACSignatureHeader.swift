/// Parses a single plain-HMAC header such as GitHub's `X-Hub-Signature-256: sha256=<hex>`.
enum HMACSignatureHeader {
    static func parse(
        _ headers: [String: String], name: String, prefix: String?, encoding: SignatureEncoding
    ) throws(VerificationError) -> PresentedSignature {
        guard let raw = headers[name.lowercased()], !raw.isEmpty else { throw .missingSignature("\(name) header is missing") }
        var encoded = Substring(raw)
        if let prefix, !prefix.isEmpty {
            guard encoded.hasPrefix(prefix) else { throw .malformedSignature("\(name) header does not start with \"\(prefix)\"") }
            encoded = encoded.dropFirst(prefix.count)
        }
        guard let bytes = SignatureBytes.decode(encoded, encoding), bytes.count == SignatureBytes.macLength else {
            throw .malformedSignature("\(name) header is not \(SignatureBytes.macLength) bytes of \(encoding.rawValue)")
        }
        return PresentedSignature(headerName: name, signedPrefix: [], candidates: [bytes], timestamp: nil)
    }
}
