import Foundation

/// What a delivery's headers claim, parsed but not yet checked: the bytes signed before the body,
/// the candidate MACs, and the signed timestamp.
struct PresentedSignature: Sendable {
    /// Header name used in messages (as the provider documents it).
    var headerName: String
    /// Bytes the provider signs in front of the raw body (e.g. `"{t}."`); empty for plain HMAC.
    var signedPrefix: [UInt8]
    /// Decoded candidate MACs, each `SignatureBytes.macLength` bytes.
    var candidates: [[UInt8]]
    /// Unix seconds the provider signed, if the scheme has a timestamp.
    var timestamp: Int64?
    var deliveryId: String?
}
