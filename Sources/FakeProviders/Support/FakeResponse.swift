import Foundation
import Hummingbird

/// Builds the fakes' responses.
public enum FakeResponse {
    /// A JSON response serialised from a `JSONSerialization`-compatible object (use `NSNull()` for `null`).
    public static func json(_ status: Int, _ object: Any, headers: HTTPFields = [:]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return raw(status, body: data, contentType: "application/json; charset=utf-8", headers: headers)
    }

    /// A response with a literal body (used for injected fault bodies).
    public static func raw(_ status: Int, body: some DataProtocol, contentType: String?, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        if let contentType { fields[.contentType] = contentType }
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(body)))
        )
    }

    /// An empty-bodied response (SendGrid's 202).
    public static func empty(_ status: Int, headers: HTTPFields = [:]) -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody())
    }
}
