package import Foundation
package import InvoiceDomain

/// The outcome of decoding a verified provider event body.
package enum DecodedEvent: Sendable, Equatable {
    /// A handled `invoice.*` event that passed validation; hand it to the state machine.
    case invoice(InvoiceEvent)
    /// A well-formed event of a type InvoiceRelay does not handle; record it and acknowledge.
    case ignored(eventId: String, type: String, createdAt: Date?)
    /// Verified but unusable (not JSON, missing or mistyped fields, failed validation): quarantine it with `reason`.
    case invalid(eventId: String?, type: String?, createdAt: Date?, reason: String)
}
