/// A caller mistake detected by the admin surface: mapped to an HTTP status by the API and to a
/// one-line message and non-zero exit by the CLI, so both enforce the same rules with the same words.
package struct AdminError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// Malformed input: bad JSON, unknown field or parameter, value out of range (400).
        case badRequest
        /// No such template, delivery, event, invoice or token (404).
        case notFound
        /// The action does not fit the current state, e.g. replaying a sent delivery (409).
        case conflict
        /// Well-formed but rejected content, e.g. a template that does not validate (422).
        case unprocessable
        /// No valid token (401).
        case unauthorized
    }

    package var kind: Kind
    /// Stable machine-readable code, e.g. `template_invalid`, `already_sent`.
    package var code: String
    package var message: String

    package init(_ kind: Kind, code: String, message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    package var description: String { message }

    package static func badRequest(_ code: String, _ message: String) -> AdminError { AdminError(.badRequest, code: code, message: message) }
    package static func notFound(_ code: String, _ message: String) -> AdminError { AdminError(.notFound, code: code, message: message) }
    package static func conflict(_ code: String, _ message: String) -> AdminError { AdminError(.conflict, code: code, message: message) }
    package static func unprocessable(_ code: String, _ message: String) -> AdminError { AdminError(.unprocessable, code: code, message: message) }
    /// A missing, malformed or unknown token: the same answer for each, so a caller learns nothing from it.
    package static let unauthorized = AdminError(.unauthorized, code: "unauthorized", message: "a valid bearer token is required")
}
