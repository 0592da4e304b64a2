/// How a plain HMAC signature is written in its header.
package enum SignatureEncoding: String, Sendable, Codable, CaseIterable {
    case hex
    case base64
}
