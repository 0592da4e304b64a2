import Foundation
import InvoiceDomain
import StoreSeams
import RelayAdmin

/// Opens, checks and closes console sessions.
///
/// A session id is 32 random bytes (base64url in the cookie); only its SHA-256 is stored, with the token
/// it was opened with and a random CSRF value. A session is valid while it has been used within the idle
/// timeout, is younger than the absolute timeout, and its token is still active (revoking the token ends
/// its sessions at once).
struct SessionManager: Sendable {
    let store: any ConsoleSessionStore
    let tokens: any TokenAuthentication
    let authenticator: AdminAuthenticator
    let clock: any WallClock
    let idleTimeout: TimeInterval
    let absoluteTimeout: TimeInterval

    /// `lastSeenAt` is written at most this often per session, so pages do not each cost a write; a session may
    /// therefore end up to this much earlier than the idle timeout after its last request.
    var touchGranularity: TimeInterval { min(60, idleTimeout / 10) }

    /// Checks `presentedToken` and opens a session for it.
    /// - Returns: the cookie value (the session id, shown only here) and the signed-in user.
    /// - Throws: ``AdminError`` `unauthorized` for a bad token; store errors.
    func signIn(token presentedToken: String) async throws -> (cookie: String, user: ConsoleUser) {
        let token = try await authenticator.authenticate(token: presentedToken)
        let now = clock.now()
        try? await store.deleteConsoleSessions(idleBefore: now.addingTimeInterval(-idleTimeout), createdBefore: now.addingTimeInterval(-absoluteTimeout))
        let id = Self.randomToken()
        let session = ConsoleSession(
            idHash: Self.hash(id), tokenId: token.id, tokenPrefix: token.prefix, csrfToken: Self.randomToken(), createdAt: now, lastSeenAt: now
        )
        try await store.createConsoleSession(session)
        return (id, ConsoleUser(token: token, session: session))
    }

    /// The user of the session whose id is `cookie`, or `nil` when there is no such live session (an expired
    /// one is deleted on the way).
    func user(cookie: String) async throws -> ConsoleUser? {
        guard Self.isWellFormed(cookie) else { return nil }
        let idHash = Self.hash(cookie)
        guard var session = try await store.consoleSession(idHash: idHash) else { return nil }
        let now = clock.now()
        let idle = now.timeIntervalSince(session.lastSeenAt) >= idleTimeout
        let old = now.timeIntervalSince(session.createdAt) >= absoluteTimeout
        guard !idle, !old, let token = try await tokens.token(prefix: session.tokenPrefix), token.id == session.tokenId, token.isActive(at: now) else {
            try await store.deleteConsoleSession(idHash: idHash)
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) >= touchGranularity {
            try await store.touchConsoleSession(idHash: idHash, at: now)
            session.lastSeenAt = now
        }
        return ConsoleUser(token: token, session: session)
    }

    /// Ends the session whose id is `cookie` (nothing happens for an unknown one).
    func signOut(cookie: String) async throws {
        guard Self.isWellFormed(cookie) else { return }
        try await store.deleteConsoleSession(idHash: Self.hash(cookie))
    }

    // MARK: - Values

    /// 32 random bytes from the system CSPRNG as unpadded base64url (43 characters).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Lower-case hex SHA-256 of the id's UTF-8 bytes: what the store keeps.
    static func hash(_ id: String) -> String {
        AdminTokens.hash(id)
    }

    static func isWellFormed(_ id: String) -> Bool {
        id.utf8.count == 43 && id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"): true
            default: false
            }
        }
    }

    /// Constant-time comparison of a submitted CSRF value with the session's.
    static func csrfMatches(_ submitted: String?, _ expected: String) -> Bool {
        guard let submitted else { return false }
        let a = Array(submitted.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
