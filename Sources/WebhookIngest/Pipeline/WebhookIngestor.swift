import Crypto
import Foundation
package import InvoiceDomain
package import StoreSeams
import StripeEvents

/// Turns one HTTP delivery into a durably stored, idempotently applied event:
/// verify the signature over the exact raw bytes, decode, then commit through the ``IngestBatcher``.
package struct WebhookIngestor: Sendable {
    /// Why a delivery was refused before anything was stored.
    package enum Rejection: Error, Sendable, Equatable {
        case unknownSource(String)
        case signature(VerificationError)
        /// Correctly signed, but the body is not a well-formed JSON object; the reason says what it is instead.
        case invalidPayload(String)
    }

    package struct Accepted: Sendable, Equatable {
        package var eventId: String
        package var result: IngestResult
    }

    private let sources: [String: WebhookSource]
    private let batcher: IngestBatcher
    private let clock: any WallClock

    package init(sources: [WebhookSource], batcher: IngestBatcher, clock: any WallClock) {
        self.sources = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.batcher = batcher
        self.clock = clock
    }

    /// The lower-cased header names ``ingest(source:body:headers:)`` reads for `source`; other headers may be left out.
    package func headerNames(source name: String) -> [String] { sources[name]?.headerNames ?? [] }

    /// - Parameters:
    ///   - headers: lower-cased names; at least those of ``headerNames(source:)`` that the request has.
    /// - Returns: the stored (or duplicate) result, after commit.
    /// - Throws: ``Rejection`` for an unknown source, a bad signature, or a verified body that is not a JSON object
    ///   (nothing stored); storage errors otherwise. A JSON object whose data is unusable is stored, quarantined.
    package func ingest(source name: String, body: [UInt8], headers: [String: String]) async throws -> Accepted {
        guard let source = sources[name] else { throw Rejection.unknownSource(name) }
        let now = clock.now()
        let verified: VerifiedWebhook
        do {
            verified = try source.verify(body: body, headers: headers, now: now)
        } catch {
            throw Rejection.signature(error)
        }
        let decoded = StripeEventDecoder.decode(body, source: name)
        if let reason = decoded.malformedBodyReason { throw Rejection.invalidPayload(reason) }
        let (eventId, content) = Self.interpret(decoded, body: body, deliveryId: verified.deliveryId)
        // Only the headers the source reads are kept; callers usually pass no others (then they are kept as given).
        var audit = headers
        if !headers.keys.allSatisfy(source.headerNames.contains) {
            audit = headers.filter { source.headerNames.contains($0.key) }
        }
        let event = IncomingEvent(
            source: name, eventId: eventId, origin: .webhook, receivedAt: now, headers: audit, body: body, content: content
        )
        return Accepted(eventId: eventId, result: try await batcher.submit(event))
    }

    /// Decodes a verified body into the idempotency key and domain content.
    ///
    /// The key is the scheme's delivery id when it has one (Standard Webhooks' `webhook-id`), else the
    /// event's own `id`, else a SHA-256 of the body (so even an undecodable body is stored once).
    package static func interpret(body: [UInt8], source: String, deliveryId: String?) -> (eventId: String, content: EventContent) {
        interpret(StripeEventDecoder.decode(body, source: source), body: body, deliveryId: deliveryId)
    }

    private static func interpret(_ decoded: DecodedEvent, body: [UInt8], deliveryId: String?) -> (eventId: String, content: EventContent) {
        switch decoded {
        case .invoice(var event):
            if let deliveryId { event.eventId = deliveryId }
            return (event.eventId, .invoice(event))
        case .ignored(let eventId, let type, let createdAt):
            return (deliveryId ?? eventId, .ignored(type: type, createdAt: createdAt))
        case .invalid(let eventId, let type, let createdAt, let reason):
            return (deliveryId ?? eventId ?? bodyDigest(body), .invalid(type: type, createdAt: createdAt, reason: reason))
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
