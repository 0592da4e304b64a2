import Foundation
import InvoiceDomain

// MARK: - Stripe invoice object → InvoiceSnapshot

extension StripeEventDecoder {
    /// Maps `data.object` of an `invoice.*` event; problems go to `reader`.
    ///
    /// Contact details come from the invoice (`customer_email`, ...), falling back to an expanded `customer` object.
    /// The locale is `customer_preferred_locales[0]`, else `metadata.locale`; the time zone is `metadata.time_zone`.
    static func invoiceSnapshot(_ invoice: [String: JSONValue], kind: InvoiceEventKind, reader: inout JSONFieldReader) -> InvoiceSnapshot? {
        let path = "data.object."
        if let object = invoice["object"], object != .string("invoice") {
            reader.problem("\(path)object must be \"invoice\", found \(describe(object))")
        }
        let id = reader.requiredString(invoice, "id", at: path)
        let currency = reader.requiredString(invoice, "currency", at: path)
        let amountDue = reader.requiredInteger(invoice, "amount_due", at: path)
        let amountPaid = reader.requiredInteger(invoice, "amount_paid", at: path)
        let amountRemaining = reader.requiredInteger(invoice, "amount_remaining", at: path)
        let status = reader.requiredString(invoice, "status", at: path)

        let (customerId, customer) = customerReference(invoice, reader: &reader)
        let customerPath = "\(path)customer."
        let name = reader.optionalString(invoice, "customer_name", at: path) ?? reader.optionalString(customer, "name", at: customerPath)
        let email = reader.optionalString(invoice, "customer_email", at: path) ?? reader.optionalString(customer, "email", at: customerPath)
        let phone = reader.optionalString(invoice, "customer_phone", at: path) ?? reader.optionalString(customer, "phone", at: customerPath)

        let metadata = reader.optionalObject(invoice, "metadata", at: path)
        let locale = firstString(reader.optionalArray(invoice, "customer_preferred_locales", at: path))
            ?? firstString(reader.optionalArray(customer, "preferred_locales", at: customerPath))
            ?? reader.optionalString(metadata, "locale", at: "\(path)metadata.")
        let timeZone = reader.optionalString(metadata, "time_zone", at: "\(path)metadata.")

        let finalizationError = reader.optionalObject(invoice, "last_finalization_error", at: path)
        let errorMessage = reader.optionalString(finalizationError, "message", at: "\(path)last_finalization_error.")
        let attempts = reader.optionalInteger(invoice, "attempt_count", at: path) ?? 0
        let attemptCount = Int(exactly: attempts)
        if attemptCount == nil { reader.problem("\(path)attempt_count is out of range") }

        guard let id, let currency, let amountDue, let amountPaid, let amountRemaining, let status, let attemptCount else { return nil }
        return InvoiceSnapshot(
            providerInvoiceId: id,
            number: reader.optionalString(invoice, "number", at: path),
            customerId: customerId,
            customerName: name,
            customerEmail: email,
            customerPhone: phone.map(normalisedPhone),
            customerLocale: locale,
            customerTimeZone: timeZone,
            currency: currency.uppercased(),
            amountDue: amountDue,
            amountPaid: amountPaid,
            amountRemaining: amountRemaining,
            dueDate: reader.optionalInteger(invoice, "due_date", at: path).map(JSONFieldReader.date),
            providerStatus: status,
            hostedInvoiceURL: reader.optionalString(invoice, "hosted_invoice_url", at: path),
            attemptCount: attemptCount,
            lastPaymentError: errorMessage ?? (kind == .paymentFailed ? "payment failed" : nil)
        )
    }

    /// `customer` is an id string or, when expanded, a Customer object with an `id`.
    private static func customerReference(
        _ invoice: [String: JSONValue], reader: inout JSONFieldReader
    ) -> (id: String?, expanded: [String: JSONValue]?) {
        switch invoice["customer"] {
        case .string(let id): return (id.isEmpty ? nil : id, nil)
        case .object(let customer): return (reader.requiredString(customer, "id", at: "data.object.customer."), customer)
        case nil, .null: return (nil, nil)
        case let other?:
            reader.problem("data.object.customer must be a string, an object or null, found \(other.typeName)")
            return (nil, nil)
        }
    }

    private static func firstString(_ array: [JSONValue]?) -> String? {
        guard case .string(let value)? = array?.first, !value.isEmpty else { return nil }
        return value
    }

    /// Stripe stores phones as typed; strip the usual punctuation from a `+` number so `+1 (555) 010-9999`
    /// becomes E.164. Anything else is left as is for validation to judge.
    static func normalisedPhone(_ phone: String) -> String {
        guard phone.hasPrefix("+") else { return phone }
        return String(phone.filter { !" -().\u{00A0}".contains($0) })
    }
}
