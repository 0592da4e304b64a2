import Foundation
import InvoiceDomain

// MARK: - Fast path: typed fields

extension StripeEventDecoder {
    /// Scans the fields InvoiceRelay reads straight into ``StripeEventFields``, skipping the rest.
    ///
    /// Returns the same ``DecodedEvent`` as ``decodeSchemaless(_:source:)`` would, or `nil` whenever that path
    /// would find a problem to explain (not JSON, a mistyped, missing or empty required field, a wrong `object`):
    /// the caller then takes the schema-less path, which words the reason. Validation failures are answered here.
    static func decodeTyped(_ body: [UInt8], source: String) -> DecodedEvent? {
        guard JSONTokenCheck.tokensAreConvertible(body), let fields = StripeEventFields(scanning: body) else { return nil }
        return fields.decodedEvent(source: source)
    }
}

extension StripeEventFields {
    /// Mirrors the rules of `StripeEventDecoder.decodeSchemaless` for a body without reader problems.
    func decodedEvent(source: String) -> DecodedEvent? {
        guard let eventId = id.nonEmpty, let type = type.nonEmpty, object == nil || object == "event" else { return nil }
        let createdAt = created.map(JSONFieldReader.date)
        guard let kind = InvoiceEventKind(rawValue: type) else {
            return .ignored(eventId: eventId, type: type, createdAt: createdAt)
        }
        guard let createdAt, let snapshot = invoice?.snapshot(kind: kind) else { return nil }

        let problems = InvoiceValidator.problems(in: snapshot)
        guard problems.isEmpty else {
            return .invalid(eventId: eventId, type: type, createdAt: createdAt, reason: StripeEventDecoder.reason(problems))
        }
        return .invoice(InvoiceEvent(
            source: source, eventId: eventId, kind: kind, createdAt: createdAt, apiVersion: apiVersion.nonEmpty, invoice: snapshot
        ))
    }
}

extension StripeInvoiceFields {
    /// Mirrors `StripeEventDecoder.invoiceSnapshot`; `nil` where that would report a problem.
    func snapshot(kind: InvoiceEventKind) -> InvoiceSnapshot? {
        guard object == nil || object == "invoice",
              let id = id.nonEmpty, let currency = currency.nonEmpty, let status = status.nonEmpty,
              let amountDue, let amountPaid, let amountRemaining,
              let attemptCount = Int(exactly: attemptCount ?? 0)
        else { return nil }

        let customerId: String?
        let expanded: ExpandedCustomer?
        switch customer {
        case .id(let id)?:
            (customerId, expanded) = (id.isEmpty ? nil : id, nil)
        case .expanded(let customer)?:
            guard let id = customer.id.nonEmpty else { return nil }
            (customerId, expanded) = (id, customer)
        case nil:
            (customerId, expanded) = (nil, nil)
        }
        let phone = customerPhone.nonEmpty ?? expanded?.phone.nonEmpty
        let locale = customerPreferredLocales?.first.nonEmpty
            ?? expanded?.preferredLocales?.first.nonEmpty
            ?? metadata?.locale.nonEmpty

        return InvoiceSnapshot(
            providerInvoiceId: id,
            number: number.nonEmpty,
            customerId: customerId,
            customerName: customerName.nonEmpty ?? expanded?.name.nonEmpty,
            customerEmail: customerEmail.nonEmpty ?? expanded?.email.nonEmpty,
            customerPhone: phone.map(StripeEventDecoder.normalisedPhone),
            customerLocale: locale,
            customerTimeZone: metadata?.timeZone.nonEmpty,
            currency: currency.uppercased(),
            amountDue: amountDue,
            amountPaid: amountPaid,
            amountRemaining: amountRemaining,
            dueDate: dueDate.map(JSONFieldReader.date),
            providerStatus: status,
            hostedInvoiceURL: hostedInvoiceURL.nonEmpty,
            attemptCount: attemptCount,
            lastPaymentError: lastFinalizationError?.message.nonEmpty ?? (kind == .paymentFailed ? "payment failed" : nil)
        )
    }
}

extension Optional<String> {
    /// The value unless it is `nil` or empty: how the schema-less path reads optional strings.
    fileprivate var nonEmpty: String? {
        switch self {
        case let value? where !value.isEmpty: value
        default: nil
        }
    }
}
