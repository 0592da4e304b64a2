/// Parses Stripe's `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>][,v0=<hex>]`. Only `v1` counts.
enum StripeSignatureHeader {
    static let name = "Stripe-Signature"
    static let key = "stripe-signature"

    static func parse(_ headers: [String: String]) throws(VerificationError) -> PresentedSignature {
        let header = try TimestampedHeader.parse(
            headers, name: name, key: key, separator: ",", timestampKey: "t", signatureKey: "v1", encoding: .hex
        )
        return PresentedSignature(
            headerName: name, signedPrefix: Array("\(header.timestamp).".utf8), candidates: header.signatures, timestamp: header.timestamp
        )
    }
}
