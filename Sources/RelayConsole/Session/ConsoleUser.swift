import StoreSeams

/// Who is using the console in this request: the signed-in token and its session.
struct ConsoleUser: Sendable {
    let token: APIToken
    let session: ConsoleSession

    /// The audit identity: the token's name, as for the HTTP API.
    var actor: String { token.name }
    /// `admin` tokens may change things; `read` tokens see everything and change nothing.
    var canWrite: Bool { token.scope.allows(.admin) }
}
