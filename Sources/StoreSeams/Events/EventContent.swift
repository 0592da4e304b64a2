import Foundation
import InvoiceDomain

/// What the decoder made of a verified event body, in domain terms.
public enum EventContent: Sendable, Equatable {
    case invoice(InvoiceEvent)
    case ignored(type: String, createdAt: Date?)
    case invalid(type: String?, createdAt: Date?, reason: String)
}
