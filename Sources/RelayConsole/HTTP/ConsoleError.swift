import Hummingbird

/// A refusal the console answers with an error page: a status, a heading and a sentence for the user.
/// Thrown by handlers, rendered once by ``ConsoleHeadersMiddleware``.
struct ConsoleError: Error, Sendable {
    var status: HTTPResponse.Status
    var title: String
    var message: String

    static func forbidden(_ message: String) -> ConsoleError { ConsoleError(status: .forbidden, title: "Forbidden", message: message) }

    /// A state-changing form without the session's CSRF value.
    static let csrf = ConsoleError.forbidden("This form is missing its security token or the token is stale. Reload the page and try again.")
    /// A mutation attempted by a read-only session.
    static let readOnly = ConsoleError.forbidden("Your token has read scope: it can look at everything but change nothing.")
    static func badRequest(_ message: String) -> ConsoleError { ConsoleError(status: .badRequest, title: "Bad request", message: message) }
}
