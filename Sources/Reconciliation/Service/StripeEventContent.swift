import Crypto
import StoreSeams
import StripeEvents

/// What a Stripe event body fetched from the API means for the event store.
///
/// Gives the same key and content the webhook ingestor gives a delivered copy of the event (its `interpret`,
/// without a delivery id), so the store recognises the two copies as one event: the event's `id`, else a SHA-256
/// of the body; the content as ``StripeEventDecoder`` decodes it.
enum StripeEventContent {
    static func interpret(body: [UInt8], source: String) -> (eventId: String, content: EventContent) {
        let decoded = StripeEventDecoder.decode(body, source: source)
        let eventId = decoded.eventId ?? bodyDigest(body)
        switch decoded {
        case .invoice(let event): return (eventId, .invoice(event))
        case .ignored(_, let type, let createdAt): return (eventId, .ignored(type: type, createdAt: createdAt))
        case .invalid(_, let type, let createdAt, let reason): return (eventId, .invalid(type: type, createdAt: createdAt, reason: reason))
        }
    }

    /// `sha256:<hex>` of the body: the idempotency key of a body that carries no id.
    static func bodyDigest(_ body: [UInt8]) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out = Array("sha256:".utf8)
        for byte in SHA256.hash(data: body) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
