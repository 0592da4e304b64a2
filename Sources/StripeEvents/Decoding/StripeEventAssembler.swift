import Foundation
import InvoiceDomain

/// Builds the ``DecodedEvent`` from the fields of a body, whichever path read them: the one place that says how
/// Stripe's fields become an ``InvoiceEvent``.
///
/// Each field is read as the ``StripeField`` table says (its kind, whether it is required) and every problem is
/// worded from its path, collected rather than stopping at the first, so a quarantined event says everything that
/// was wrong with it. Fields are read in a fixed order, and a fallback (`customer.email` after `customer_email`) only
/// when it is needed, so both paths find the same problems in the same order.
struct StripeEventAssembler<Source: StripeFieldSource> {
    private let source: Source
    /// The field problems found so far (validation's are not among them).
    private(set) var problems: [String] = []

    init(_ source: Source) {
        self.source = source
    }

    // MARK: - Event

    /// The decoded event; ``problems`` then says whether any field was missing or mistyped.
    mutating func event(source name: String) -> DecodedEvent {
        let eventId = string(.eventId)
        let type = string(.eventType)
        let created = integer(.created)
        let createdAt = created.map(StripeEventDecoder.date)
        tag(.eventObject)
        guard let eventId, let type, problems.isEmpty else {
            return .invalid(eventId: eventId, type: type, createdAt: createdAt, reason: StripeEventDecoder.reason(problems))
        }
        guard let kind = InvoiceEventKind(rawValue: type) else {
            return .ignored(eventId: eventId, type: type, createdAt: createdAt)
        }

        if created == nil, StripeField.created.spec.requirement == .requiredForInvoiceEvents {
            problem("\(StripeField.created.spec.path) is missing")
        }
        let apiVersion = string(.apiVersion)
        let snapshot = object(.data) && object(.invoice) ? invoiceSnapshot(kind: kind) : nil
        guard let createdAt, let snapshot, problems.isEmpty else {
            return .invalid(eventId: eventId, type: type, createdAt: createdAt, reason: StripeEventDecoder.reason(problems))
        }

        let invalid = InvoiceValidator.problems(in: snapshot)
        guard invalid.isEmpty else {
            return .invalid(eventId: eventId, type: type, createdAt: createdAt, reason: StripeEventDecoder.reason(invalid))
        }
        return .invoice(InvoiceEvent(source: name, eventId: eventId, kind: kind, createdAt: createdAt, apiVersion: apiVersion, invoice: snapshot))
    }

    // MARK: - Invoice

    /// `data.object` as an ``InvoiceSnapshot``.
    ///
    /// Contact details come from the invoice (`customer_email`, ...), falling back to an expanded `customer` object.
    /// The locale is `customer_preferred_locales[0]`, else the customer's, else `metadata.locale`; the time zone is
    /// `metadata.time_zone`; the reminder policy and escalation address are `metadata.reminder_policy` and
    /// `metadata.escalation_email`, else those of an expanded customer's metadata.
    private mutating func invoiceSnapshot(kind: InvoiceEventKind) -> InvoiceSnapshot? {
        tag(.invoiceObject)
        let id = string(.invoiceId)
        let currency = string(.currency)
        let amountDue = integer(.amountDue)
        let amountPaid = integer(.amountPaid)
        let amountRemaining = integer(.amountRemaining)
        let status = string(.status)

        let customerId = customerReference()
        let name = string(.customerName) ?? string(.expandedName)
        let email = string(.customerEmail) ?? string(.expandedEmail)
        let phone = string(.customerPhone) ?? string(.expandedPhone)
        _ = object(.metadata)
        let locale = firstString(.preferredLocales) ?? firstString(.expandedLocales) ?? string(.metadataLocale)
        let timeZone = string(.metadataTimeZone)
        _ = object(.expandedMetadata)
        let reminderPolicy = string(.metadataReminderPolicy) ?? string(.customerReminderPolicy)
        let escalationEmail = string(.metadataEscalationEmail) ?? string(.customerEscalationEmail)

        _ = object(.lastFinalizationError)
        let errorMessage = string(.finalizationMessage)
        let attemptCount = Int(exactly: integer(.attemptCount) ?? 0)
        if attemptCount == nil { problem("\(StripeField.attemptCount.spec.path) is out of range") }

        guard let id, let currency, let amountDue, let amountPaid, let amountRemaining, let status, let attemptCount else { return nil }
        return InvoiceSnapshot(
            providerInvoiceId: id,
            number: string(.number),
            customerId: customerId,
            customerName: name,
            customerEmail: email,
            customerPhone: phone.map(StripeEventDecoder.normalisedPhone),
            customerLocale: locale,
            customerTimeZone: timeZone,
            currency: currency.uppercased(),
            amountDue: amountDue,
            amountPaid: amountPaid,
            amountRemaining: amountRemaining,
            dueDate: integer(.dueDate).map(StripeEventDecoder.date),
            providerStatus: status,
            hostedInvoiceURL: string(.hostedInvoiceURL),
            attemptCount: attemptCount,
            lastPaymentError: errorMessage ?? (kind == .paymentFailed ? "payment failed" : nil),
            collectionMethod: string(.collectionMethod),
            nextPaymentAttempt: integer(.nextPaymentAttempt).map(StripeEventDecoder.date),
            billingReason: string(.billingReason),
            reminderPolicy: reminderPolicy,
            escalationEmail: escalationEmail
        )
    }

    /// `customer`: its id, read from the string or, when expanded, from the object's required `id`.
    private mutating func customerReference() -> String? {
        switch source.value(.customer) {
        case .string(let id): return id.isEmpty ? nil : id
        case .object: return string(.customerId)
        case .absent, .null: return nil
        case let other:
            problem("\(StripeField.customer.spec.path) must be a string, an object or null, found \(other.typeName)")
            return nil
        }
    }

    // MARK: - Reading one field as the table says

    private mutating func problem(_ reason: String) {
        problems.append(reason)
    }

    /// A ``StripeFieldSpec/Kind/string`` field: `""` is absent when optional, a problem when required.
    private mutating func string(_ field: StripeField) -> String? {
        let spec = field.spec
        let required = spec.requirement == .required
        switch source.value(field) {
        case .string(let value) where !value.isEmpty: return value
        case .string: if required { problem("\(spec.path) is empty") }
        case .absent, .null: if required { problem("\(spec.path) is missing") }
        case let other: problem("\(spec.path) must be a string\(required ? "" : " or null"), found \(other.typeName)")
        }
        return nil
    }

    /// A ``StripeFieldSpec/Kind/integer`` field.
    private mutating func integer(_ field: StripeField) -> Int64? {
        let spec = field.spec
        let required = spec.requirement == .required
        switch source.value(field) {
        case .integer(let value): return value
        case .absent, .null: if required { problem("\(spec.path) is missing") }
        case let other: problem("\(spec.path) must be an integer\(required ? "" : " or null"), found \(other.typeName)")
        }
        return nil
    }

    /// Whether a ``StripeFieldSpec/Kind/object`` field holds an object (its members are read as fields of their own).
    private mutating func object(_ field: StripeField) -> Bool {
        let spec = field.spec
        let required = spec.requirement == .required
        switch source.value(field) {
        case .object: return true
        case .absent, .null: if required { problem("\(spec.path) is missing") }
        case let other: problem("\(spec.path) must be an object\(required ? "" : " or null"), found \(other.typeName)")
        }
        return false
    }

    /// The first element of an optional ``StripeFieldSpec/Kind/strings`` field, when it is a non-empty string.
    private mutating func firstString(_ field: StripeField) -> String? {
        switch source.value(field) {
        case .array(let first?) where !first.isEmpty: return first
        case .array, .absent, .null: return nil
        case let other:
            problem("\(field.spec.path) must be an array or null, found \(other.typeName)")
            return nil
        }
    }

    /// A ``StripeFieldSpec/Kind/tag(_:)`` field: absent, or exactly its tag.
    private mutating func tag(_ field: StripeField) {
        let spec = field.spec
        guard case .tag(let expected) = spec.kind else { return }
        let value = source.value(field)
        switch value {
        case .absent: return
        case .string(let text) where text == expected.description: return
        case .string(let text): problem("\(spec.path) must be \"\(expected)\", found \"\(text.prefix(32))\"")
        default: problem("\(spec.path) must be \"\(expected)\", found \(value.typeName)")
        }
    }
}
