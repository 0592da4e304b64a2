package import Foundation
package import InvoiceDomain

/// Provider feedback and the suppression list: written by the callback endpoints, read by admins; the scheduler
/// reads suppressions through its delivery checks.
package protocol FeedbackStore: SuppressionWriter {
    /// Records a provider's report on the delivery it references, in one transaction with the suppression it
    /// implies. A status never moves backwards (see ``ProviderStatus/rank``); a duplicate report changes nothing.
    func recordProviderStatus(_ report: ProviderStatusReport, at now: Date) async throws -> ProviderStatusRecording

    /// The provider-side state of each of `deliveryIds` that has one.
    func providerFeedback(deliveryIds: [Int64]) async throws -> [Int64: ProviderFeedback]

    /// Removes a suppression. - Returns: the removed one, or `nil` when the address was not suppressed.
    func removeSuppression(channel: Channel, address: String) async throws -> Suppression?

    func suppression(channel: Channel, address: String) async throws -> Suppression?

    /// Newest first; `before` is the `createdAt` of the last row of the previous page.
    func suppressions(channel: Channel?, limit: Int, before: Date?) async throws -> [Suppression]
}
