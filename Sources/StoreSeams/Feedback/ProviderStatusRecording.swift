import Foundation
import InvoiceDomain

/// What recording a report did.
package enum ProviderStatusRecording: Sendable, Equatable {
    /// No delivery matches the report (an address it names may still have been suppressed).
    case unknownMessage(suppressed: Bool)
    /// The delivery's provider-side status moved forward to the report's.
    case recorded(deliveryId: Int64, suppressed: Bool)
    /// The delivery already had a status of the same or a later rank (a duplicate or late report).
    case unchanged(deliveryId: Int64, suppressed: Bool)
}
