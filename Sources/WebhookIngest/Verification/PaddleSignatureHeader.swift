/// Parses Paddle Billing's `Paddle-Signature: ts=<unix>;h1=<hex>[;h1=<hex>]`, collecting every `h1`.
enum PaddleSignatureHeader {
    static let name = "Paddle-Signature"
    static let key = "paddle-signature"

    static func parse(_ headers: [String: String]) throws(VerificationError) -> PresentedSignature {
        let header = try TimestampedHeader.parse(
            headers, name: name, key: key, separator: ";", timestampKey: "ts", signatureKey: "h1", encoding: .hex
        )
        return PresentedSignature(
            headerName: name, signedPrefix: Array("\(header.timestamp):".utf8), candidates: header.signatures, timestamp: header.timestamp
        )
    }
}
