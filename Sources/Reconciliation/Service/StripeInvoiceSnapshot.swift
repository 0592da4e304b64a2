import Foundation
import InvoiceDomain
import StripeEvents

/// Turns a raw Stripe invoice object into an ``InvoiceSnapshot`` through the webhook decoder, so the sweep reads
/// invoices exactly as events are read (same fields, same validation).
enum StripeInvoiceSnapshot {
    /// The snapshot, or the decoder's reason for refusing the object.
    static func decode(_ invoice: StripeRawInvoice, source: String, at now: Date) -> Result<InvoiceSnapshot, SweepItemError> {
        decode(raw: invoice.raw, source: source, at: now)
    }

    /// Wraps `raw` (the invoice JSON, byte for byte) in a synthetic `invoice.updated` event and decodes that.
    static func decode(raw: [UInt8], source: String, at now: Date) -> Result<InvoiceSnapshot, SweepItemError> {
        var body = Array(#"{"id":"evt_reconcile_sweep","object":"event","type":"invoice.updated","created":"#.utf8)
        body += Array(String(Int64(now.timeIntervalSince1970.rounded(.down))).utf8)
        body += Array(#","data":{"object":"#.utf8)
        body += raw
        body += Array("}}".utf8)
        switch StripeEventDecoder.decode(body, source: source) {
        case .invoice(let event):
            return .success(event.invoice)
        case .invalid(_, _, _, let reason):
            return .failure(SweepItemError(reason: reason))
        case .ignored(_, let type, _):
            return .failure(SweepItemError(reason: "decoded as an unhandled event type \(type)"))
        }
    }
}

/// Why one invoice of a sweep was skipped.
struct SweepItemError: Error, Sendable, Equatable {
    var reason: String
}
