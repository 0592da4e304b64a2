import Foundation
package import InvoiceDomain

/// What the scheduler writes to the suppression list: a recipient a provider refused for good at send time.
package protocol SuppressionWriter: Sendable {
    /// Adds `suppression` unless its address is already suppressed on its channel.
    /// - Returns: whether it was added.
    @discardableResult
    func suppress(_ suppression: Suppression) async throws -> Bool
}
