package import Foundation
package import InvoiceDomain

/// What the decoder made of a verified event body, in domain terms.
package enum EventContent: Sendable, Equatable {
    case invoice(InvoiceEvent)
    case ignored(type: String, createdAt: Date?)
    case invalid(type: String?, createdAt: Date?, reason: String)
}
