import Crypto
import Foundation
import RelayAdmin
import Hummingbird
import InvoiceDomain
import StoreSeams

/// `Idempotency-Key` handling for mutating admin requests, as Stripe's API does it.
///
/// Keys are scoped per token. The first request with a key reserves it and runs; its response (2xx or 4xx)
/// is stored and any retry with the same key and the same request (method, path, query, body) gets that
/// response back verbatim, with `Idempotent-Replayed: true`, without running again. The same key with a
/// different request is 422 `idempotency_key_reused`; a retry while the first is still running is 409
/// `idempotency_key_in_use`. A 5xx releases the key so the request can be retried. Keys live 24 hours.
struct IdempotencyGate: Sendable {
    let store: any IdempotencyKeys
    let clock: any WallClock
    /// A reservation this old is assumed abandoned (its process died) and may be taken over.
    static let staleAfter: TimeInterval = 300

    func run(key: String, token: APIToken, fingerprint: String, _ operation: () async throws -> AdminReply) async throws -> AdminReply {
        guard (1...255).contains(key.utf8.count), key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            return .error(APIError.badRequest("invalid_idempotency_key", "Idempotency-Key must be 1 to 255 visible ASCII characters"))
        }
        let actor = "token:\(token.id)"
        switch try await store.beginIdempotentRequest(actor: actor, key: key, requestHash: fingerprint, now: clock.now(), staleAfter: Self.staleAfter) {
        case .replay(let status, let body):
            return AdminReply(status: HTTPResponse.Status(code: status), body: body, replayed: true)
        case .mismatch:
            return .error(APIError.unprocessable("idempotency_key_reused", "this Idempotency-Key was already used with a different request"))
        case .inProgress:
            return .error(APIError.conflict("idempotency_key_in_use", "a request with this Idempotency-Key is still being processed; retry shortly"))
        case .started:
            let reply: AdminReply
            do {
                reply = try await operation()
            } catch {
                try? await store.abandonIdempotentRequest(actor: actor, key: key)
                throw error
            }
            if reply.status.code >= 500 {
                try? await store.abandonIdempotentRequest(actor: actor, key: key)
            } else {
                try await store.finishIdempotentRequest(actor: actor, key: key, status: Int(reply.status.code), body: reply.body)
            }
            return reply
        }
    }

    /// SHA-256 over what makes two requests "the same": method, path with query, and body bytes.
    static func fingerprint(method: String, uri: String, body: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("\(method) \(uri)\n".utf8))
        hasher.update(data: body)
        return hasher.finalize().lowercaseHex
    }
}
