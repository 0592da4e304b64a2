/// Parses Standard Webhooks' `webhook-id`, `webhook-timestamp` and
/// `webhook-signature: v1,<base64>[ v1,<base64>]`; entries of other versions are ignored.
enum StandardWebhooksHeaders {
    static let idName = "webhook-id"
    static let timestampName = "webhook-timestamp"
    static let signatureName = "webhook-signature"

    static func parse(_ headers: [String: String]) throws(VerificationError) -> PresentedSignature {
        guard let id = headers[idName], !id.isEmpty else { throw .missingSignature("\(idName) header is missing") }
        guard let rawTimestamp = headers[timestampName], !rawTimestamp.isEmpty else {
            throw .missingSignature("\(timestampName) header is missing")
        }
        guard let rawSignature = headers[signatureName], !rawSignature.allSatisfy({ $0 == " " || $0 == "\t" }) else {
            throw .missingSignature("\(signatureName) header is missing")
        }
        guard let timestamp = SignatureBytes.unixSeconds(rawTimestamp) else {
            throw .malformedSignature("\(timestampName) header is not an integer number of seconds")
        }
        var candidates: [[UInt8]] = []
        for entry in rawSignature.split(separator: " ", omittingEmptySubsequences: true) {
            guard let comma = entry.firstIndex(of: ","), entry[..<comma] == "v1" else { continue }
            let encoded = entry[entry.index(after: comma)...]
            guard let bytes = SignatureBytes.base64(encoded), bytes.count == SignatureBytes.macLength else {
                throw .malformedSignature("\(signatureName) header has a v1 signature that is not \(SignatureBytes.macLength) bytes of base64")
            }
            candidates.append(bytes)
        }
        guard !candidates.isEmpty else { throw .malformedSignature("\(signatureName) header has no v1 signature") }
        return PresentedSignature(
            headerName: signatureName, signedPrefix: Array("\(id).\(rawTimestamp).".utf8), candidates: candidates,
            timestamp: timestamp, deliveryId: id
        )
    }
}
