package import Foundation

/// Storage of web console sessions. Expiry rules live with the caller (the console); the store only
/// keeps rows, finds them by hash and drops them.
package protocol ConsoleSessionStore: Sendable {
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
