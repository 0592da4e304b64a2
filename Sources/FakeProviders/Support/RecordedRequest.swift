package import HTTPTypes
import Hummingbird

/// One request as a fake received it, before any validation or fault, so tests can inspect exactly what was sent.
package struct RecordedRequest: Sendable, Equatable {
    /// `POST`, `GET`...
    package var method: String
    /// The path without the query, e.g. `/v3/mail/send`.
    package var path: String
    /// The raw query string (without `?`), if any.
    package var query: String?
    /// All request headers as sent.
    package var headers: HTTPFields
    /// The raw body bytes.
    package var body: [UInt8]
    /// Fields parsed from the body: form fields for `application/x-www-form-urlencoded`, top-level scalar values
    /// (as strings) for a JSON object. Empty when the body is neither or does not parse. Parsed when asked for:
    /// the fakes' own handlers parse what they validate, and recording every request need not parse it twice.
    package var fields: [String: String] {
        RequestRecorder.parseFields(body: body, contentType: headers[.contentType])
    }

    package init(method: String, path: String, query: String?, headers: HTTPFields, body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first value of the header called `name` (case-insensitive), if present.
    package func header(_ name: String) -> String? {
        guard let fieldName = HTTPField.Name(name) else { return nil }
        return headers[fieldName]
    }

    /// The body decoded as UTF-8 (lossy).
    package var bodyText: String { String(decoding: body, as: UTF8.self) }
}
