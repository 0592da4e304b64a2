import Foundation
import Hummingbird
import InvoiceStore
import RelayAdmin
import StoreSeams

/// Runs one admin request: authenticate (401), check scope (403), read the body (413), apply
/// `Idempotency-Key` to mutating routes, then the handler; rule violations become `{"error":…}` replies.
struct AdminDispatcher: Sendable {
    let authenticator: AdminAuthenticator
    let gate: IdempotencyGate
    let maxBodyBytes: Int

    func handle(_ route: AdminRoute, _ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let token = try await authenticate(request.headers[.authorization])
        guard token.scope.allows(route.scope) else { throw APIError.forbidden }

        var request = request
        var body: [UInt8] = []
        if route.method != .get {
            do {
                body = Array(buffer: try await request.collectBody(upTo: maxBodyBytes))
            } catch {
                throw APIError.tooLarge(maxBodyBytes)
            }
        }
        let call = AdminCall(
            token: token, parameters: context.parameters,
            query: request.uri.queryParameters.map { (String($0.key), String($0.value)) }, body: body
        )
        let reply: AdminReply
        if route.mutates, let key = request.headers[.idempotencyKey] {
            let fingerprint = IdempotencyGate.fingerprint(method: route.method.rawValue, uri: request.uri.description, body: body)
            reply = try await gate.run(key: key, token: token, fingerprint: fingerprint) { try await execute(route, call) }
        } else {
            reply = try await execute(route, call)
        }
        return reply.response
    }

    /// Reads `Authorization: Bearer <token>`; every failure is 401 with `WWW-Authenticate: Bearer`.
    private func authenticate(_ authorization: String?) async throws -> APIToken {
        let parts = authorization?.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true) ?? []
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized }
        do {
            return try await authenticator.authenticate(token: parts[1].trimmingCharacters(in: .whitespaces))
        } catch let error as AdminError {
            throw APIError(error)
        }
    }

    private func execute(_ route: AdminRoute, _ call: AdminCall) async throws -> AdminReply {
        do {
            return try await route.handler(call)
        } catch let error as AdminError {
            return .error(APIError(error))
        } catch let error as APIError where error.status.code < 500 {
            return .error(error)
        }
    }
}
