import HTTPTypes
import Hummingbird
import NIOCore

/// Stripe's error responses: `{"error":{"code","doc_url","message","param","type"}}` with the matching status.
enum FakeStripeErrorResponse {
    /// A Stripe error body and status. `code` also yields Stripe's `doc_url` for it.
    static func make(
        status: Int, type: String, message: String, code: String? = nil, param: String? = nil,
        headers: HTTPFields = [:]
    ) -> Response {
        var members: [(String, FakeJSON)] = []
        if let code {
            members.append(("code", .string(code)))
            members.append(("doc_url", .string("https://stripe.com/docs/error-codes/" + code.replacingUnderscores())))
        }
        members.append(("message", .string(message)))
        if let param { members.append(("param", .string(param))) }
        members.append(("type", .string(type)))
        return json(status: status, FakeJSON.object([("error", .object(members))]).bytes(), headers: headers)
    }

    /// `400 invalid_request_error`.
    static func invalidRequest(_ message: String, code: String? = nil, param: String? = nil) -> Response {
        make(status: 400, type: "invalid_request_error", message: message, code: code, param: param)
    }

    /// The body a fake fault answers with for `status`, unless the fault supplies its own.
    static func fault(status: Int, body: String?) -> Response {
        if let body { return json(status: status, Array(body.utf8)) }
        switch status {
        case 401:
            return make(
                status: 401, type: "invalid_request_error", message: "Invalid API Key provided: sk_test_****",
                headers: [.wwwAuthenticate: #"Basic realm="Stripe""#]
            )
        case 429:
            return make(
                status: 429, type: "invalid_request_error",
                message: "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
                code: "rate_limit"
            )
        case 500..<600:
            return make(
                status: status, type: "api_error",
                message: "An unknown error occurred. Please try again later or contact support if the problem persists."
            )
        default:
            return make(status: status, type: "invalid_request_error", message: "Injected fault (HTTP \(status)).")
        }
    }

    /// A JSON response with the given bytes.
    static func json(status: Int, _ bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}

extension String {
    /// `resource_missing` → `resource-missing`, as in Stripe's error-code doc URLs.
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
