import Foundation
import Hummingbird
import RelayAdmin

/// A finished admin response as bytes, so it can be stored for `Idempotency-Key` replays and sent again verbatim.
struct AdminReply: Sendable, Equatable {
    var status: HTTPResponse.Status
    var body: [UInt8]
    /// Set when the reply was replayed from an earlier request with the same `Idempotency-Key`.
    var replayed = false

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> AdminReply {
        AdminReply(status: status, body: try AdminJSON.encode(value))
    }

    /// The `{"error":{"code","message"}}` body every API error has.
    static func error(_ error: APIError) -> AdminReply {
        struct Envelope: Encodable {
            struct Body: Encodable { var code: String; var message: String }
            var error: Body
        }
        let body = (try? JSONEncoder().encode(Envelope(error: .init(code: error.code, message: error.message)))) ?? Data()
        return AdminReply(status: error.status, body: Array(body))
    }

    var response: Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if replayed { headers[.idempotentReplayed] = "true" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension APIError {
    /// The HTTP form of an admin rule violation.
    init(_ error: AdminError) {
        let status: HTTPResponse.Status = switch error.kind {
        case .badRequest: .badRequest
        case .notFound: .notFound
        case .conflict: .conflict
        case .unprocessable: .unprocessableContent
        case .unauthorized: .unauthorized
        }
        self.init(status, code: error.code, message: error.message, headers: error.kind == .unauthorized ? [.wwwAuthenticate: "Bearer"] : [:])
    }
}

extension HTTPFields.Element.Name {
    static let idempotencyKey = Self("Idempotency-Key")!
    static let idempotentReplayed = Self("Idempotent-Replayed")!
}
