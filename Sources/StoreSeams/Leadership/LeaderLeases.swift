package import Foundation

/// Leases on singleton roles (reminder planning, reconciliation polling) for relays sharing one database: at most
/// one holder per role at a time, renewed by the holder, taken over by another relay once it lapses.
///
/// The lease's clock is the database's, so relays with skewed clocks still agree on when it lapsed. A lost or
/// overlapping term only costs duplicate work: planning and reconciliation are idempotent in the store
/// (unique reminder keys, unique event ids).
package protocol LeaderLeases: Sendable {
    /// Takes the lease on `role` for `holder` for `duration`, or renews it when `holder` already holds it.
    /// - Returns: whether `holder` holds the lease now (`false`: another holder's lease has not lapsed).
    func acquireLeadership(role: String, holder: String, duration: TimeInterval) async throws -> Bool

    /// Gives up `holder`'s lease on `role` (nothing when another holds it), so another relay takes over at once.
    func releaseLeadership(role: String, holder: String) async throws
}
