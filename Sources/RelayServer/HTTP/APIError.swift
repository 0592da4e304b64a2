import Foundation
package import Hummingbird
import Logging

/// Every error the HTTP surface returns: a status and `{"error":{"code","message"}}`.
///
/// Thrown from handlers and mapped once here, so no bad input ever becomes an empty 500.
package struct APIError: Error, HTTPResponseError, Sendable, Equatable {
    package var status: HTTPResponse.Status
    package var code: String
    package var message: String
    package var headers: HTTPFields

    package init(_ status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONEncoder().encode(Envelope(error: .init(code: code, message: message)))
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private struct Envelope: Encodable {
        struct Body: Encodable { var code: String; var message: String }
        var error: Body
    }

    package static func badRequest(_ code: String, _ message: String) -> APIError { APIError(.badRequest, code: code, message: message) }
    package static func notFound(_ code: String, _ message: String) -> APIError { APIError(.notFound, code: code, message: message) }
    package static func conflict(_ code: String, _ message: String) -> APIError { APIError(.conflict, code: code, message: message) }
    package static func unprocessable(_ code: String, _ message: String) -> APIError { APIError(.unprocessableContent, code: code, message: message) }
    package static let unauthorized = APIError(.unauthorized, code: "unauthorized", message: "a valid bearer token is required", headers: [.wwwAuthenticate: "Bearer"])
    package static let forbidden = APIError(.forbidden, code: "forbidden", message: "this token's scope does not allow this action")
    package static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "body_too_large", message: "request body exceeds \(limit) bytes")
    }
    package static let unavailable = APIError(.serviceUnavailable, code: "storage_unavailable", message: "the event could not be stored; retry later")
}

/// Turns anything a handler throws into an ``APIError`` response (Hummingbird's own errors keep their status).
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw APIError(error.status, code: Self.code(for: error.status), message: error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch is DecodingError {
            throw APIError.badRequest("invalid_json", "the request body is not valid JSON for this endpoint")
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(type(of: error))"])
            throw APIError(.internalServerError, code: "internal", message: "internal error")
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 413: "body_too_large"
        default: "http_\(status.code)"
        }
    }
}

extension Response {
    /// A JSON response from an `Encodable` value; keys are snake_case, dates ISO 8601.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        let body = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
