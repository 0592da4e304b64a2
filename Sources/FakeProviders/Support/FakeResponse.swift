package import Foundation
package import Hummingbird

/// Builds the fakes' responses.
package enum FakeResponse {
    /// A JSON response serialised from a `JSONSerialization`-compatible object (use `NSNull()` for `null`).
    package static func json(_ status: Int, _ object: Any, headers: HTTPFields = [:]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return raw(status, body: data, contentType: "application/json; charset=utf-8", headers: headers)
    }

    /// A response with a literal body (used for injected fault bodies).
    package static func raw(_ status: Int, body: some DataProtocol, contentType: String?, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        if let contentType { fields[.contentType] = contentType }
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(body)))
        )
    }

    /// An empty-bodied response (SendGrid's 202).
    package static func empty(_ status: Int, headers: HTTPFields = [:]) -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody())
    }

    /// The standard reason phrase for `status` (`HTTPResponse.Status(code:)` leaves it empty).
    package static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 413: "Payload Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "HTTP \(status)"
        }
    }
}
