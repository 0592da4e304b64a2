import Foundation

/// A signed-in web console session as stored: never the session id itself, only its SHA-256, so a copy
/// of the database cannot be replayed as a cookie.
public struct ConsoleSession: Sendable, Equatable {
    /// Lower-case hex SHA-256 of the session id carried in the cookie.
    public var idHash: String
    /// The API token the admin signed in with (its id and non-secret prefix): the session ends when it is
    /// revoked or expires, and every action is audited under its name.
    public var tokenId: Int64
    public var tokenPrefix: String
    /// Random per-session value every state-changing form must carry (CSRF).
    public var csrfToken: String
    public var createdAt: Date
    /// Last request seen; the idle timeout counts from here.
    public var lastSeenAt: Date

    public init(idHash: String, tokenId: Int64, tokenPrefix: String, csrfToken: String, createdAt: Date, lastSeenAt: Date) {
        self.idHash = idHash
        self.tokenId = tokenId
        self.tokenPrefix = tokenPrefix
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

/// Storage of web console sessions. Expiry rules live with the caller (the console); the store only
/// keeps rows, finds them by hash and drops them.
public protocol ConsoleSessionStore: Sendable {
    /// Stores a new session.
    func createConsoleSession(_ session: ConsoleSession) async throws

    /// The session whose id hashes to `idHash`, if any.
    func consoleSession(idHash: String) async throws -> ConsoleSession?

    /// Records activity on a session (the caller keeps this coarse to avoid a write per request).
    func touchConsoleSession(idHash: String, at: Date) async throws

    /// Ends one session (sign-out, expiry found on use). Deleting a missing session is not an error.
    func deleteConsoleSession(idHash: String) async throws

    /// Drops sessions idle since before `idleBefore` or created before `createdBefore`.
    /// - Returns: how many were dropped.
    @discardableResult
    func deleteConsoleSessions(idleBefore: Date, createdBefore: Date) async throws -> Int
}
