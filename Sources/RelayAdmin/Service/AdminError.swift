/// A caller mistake detected by the admin surface: mapped to an HTTP status by the API and to a
/// one-line message and non-zero exit by the CLI, so both enforce the same rules with the same words.
public struct AdminError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
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

    public var kind: Kind
    /// Stable machine-readable code, e.g. `template_invalid`, `already_sent`.
    public var code: String
    public var message: String

    public init(_ kind: Kind, code: String, message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func badRequest(_ code: String, _ message: String) -> AdminError { AdminError(.badRequest, code: code, message: message) }
    public static func notFound(_ code: String, _ message: String) -> AdminError { AdminError(.notFound, code: code, message: message) }
    public static func conflict(_ code: String, _ message: String) -> AdminError { AdminError(.conflict, code: code, message: message) }
    public static func unprocessable(_ code: String, _ message: String) -> AdminError { AdminError(.unprocessable, code: code, message: message) }
    /// A missing, malformed or unknown token: the same answer for each, so a caller learns nothing from it.
    public static let unauthorized = AdminError(.unauthorized, code: "unauthorized", message: "a valid bearer token is required")
}
