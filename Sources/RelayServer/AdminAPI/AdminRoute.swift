import Hummingbird
import StoreSeams

/// One admin API endpoint: where it lives, what scope it needs, whether it changes state
/// (then `Idempotency-Key` applies), and what it does.
struct AdminRoute: Sendable {
    let method: HTTPRequest.Method
    /// Hummingbird path with `{name}` captures, identical to the OpenAPI document's path.
    let path: String
    let scope: TokenScope
    let mutates: Bool
    let handler: @Sendable (AdminCall) async throws -> AdminReply

    static func get(_ path: String, _ handler: @escaping @Sendable (AdminCall) async throws -> AdminReply) -> AdminRoute {
        read(.get, path, handler)
    }

    static func read(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping @Sendable (AdminCall) async throws -> AdminReply) -> AdminRoute {
        AdminRoute(method: method, path: path, scope: .read, mutates: false, handler: handler)
    }

    static func write(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping @Sendable (AdminCall) async throws -> AdminReply) -> AdminRoute {
        AdminRoute(method: method, path: path, scope: .admin, mutates: true, handler: handler)
    }
}
