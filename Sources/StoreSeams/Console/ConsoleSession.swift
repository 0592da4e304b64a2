package import Foundation

/// A signed-in web console session as stored: never the session id itself, only its SHA-256, so a copy
/// of the database cannot be replayed as a cookie.
package struct ConsoleSession: Sendable, Equatable {
    /// Lower-case hex SHA-256 of the session id carried in the cookie.
    package var idHash: String
    /// The API token the admin signed in with (its id and non-secret prefix): the session ends when it is
    /// revoked or expires, and every action is audited under its name.
    package var tokenId: Int64
    package var tokenPrefix: String
    /// Random per-session value every state-changing form must carry (CSRF).
    package var csrfToken: String
    package var createdAt: Date
    /// Last request seen; the idle timeout counts from here.
    package var lastSeenAt: Date

    package init(idHash: String, tokenId: Int64, tokenPrefix: String, csrfToken: String, createdAt: Date, lastSeenAt: Date) {
        self.idHash = idHash
        self.tokenId = tokenId
        self.tokenPrefix = tokenPrefix
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}
