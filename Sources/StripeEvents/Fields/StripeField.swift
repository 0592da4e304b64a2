/// Every field of a Stripe event that InvoiceRelay reads: the one table both decoding paths follow.
///
/// ``declaration`` gives each field's JSON key, the object it sits in, its kind, whether it is required, and the
/// ``InvoiceEvent`` or ``InvoiceSnapshot`` property it fills. The typed fast path finds keys with it
/// (``StripeFieldValues``), the schema-less path looks values up with it (``JSONFieldSource``), and both hand what
/// they found to the same ``StripeEventAssembler``, which reads each field as its kind and requirement say and
/// words every problem from its path. A field added, renamed or made optional here changes both paths at once.
enum StripeField: Int, CaseIterable, Sendable {
    // MARK: - The event
    case eventId, eventType, created, eventObject, apiVersion, data
    // MARK: - data
    case invoice
    // MARK: - data.object: the Invoice
    case invoiceObject, invoiceId, currency, amountDue, amountPaid, amountRemaining, status
    case customer, customerName, customerEmail, customerPhone, metadata, preferredLocales
    case lastFinalizationError, attemptCount, number, dueDate, hostedInvoiceURL
    case collectionMethod, nextPaymentAttempt, billingReason
    // MARK: - data.object.customer, when expanded to a Customer object
    case customerId, expandedName, expandedEmail, expandedPhone, expandedLocales, expandedMetadata
    // MARK: - data.object.metadata
    case metadataLocale, metadataTimeZone, metadataReminderPolicy, metadataEscalationEmail
    // MARK: - data.object.customer.metadata, when the customer is expanded
    case customerReminderPolicy, customerEscalationEmail
    // MARK: - data.object.last_finalization_error
    case finalizationMessage

    /// The table: one row per field.
    private var declaration: StripeFieldSpec {
        switch self {
        case .eventId: .init("id", in: nil, .string, .required, fills: "InvoiceEvent.eventId")
        case .eventType: .init("type", in: nil, .string, .required, fills: "InvoiceEvent.kind")
        case .created: .init("created", in: nil, .integer, .requiredForInvoiceEvents, fills: "InvoiceEvent.createdAt")
        case .eventObject: .init("object", in: nil, .tag("event"), .optional, fills: nil)
        case .apiVersion: .init("api_version", in: nil, .string, .optional, fills: "InvoiceEvent.apiVersion")
        case .data: .init("data", in: nil, .object, .required, fills: nil)

        case .invoice: .init("object", in: .data, .object, .required, fills: "InvoiceEvent.invoice")

        case .invoiceObject: .init("object", in: .invoice, .tag("invoice"), .optional, fills: nil)
        case .invoiceId: .init("id", in: .invoice, .string, .required, fills: "InvoiceSnapshot.providerInvoiceId")
        case .currency: .init("currency", in: .invoice, .string, .required, fills: "InvoiceSnapshot.currency")
        case .amountDue: .init("amount_due", in: .invoice, .integer, .required, fills: "InvoiceSnapshot.amountDue")
        case .amountPaid: .init("amount_paid", in: .invoice, .integer, .required, fills: "InvoiceSnapshot.amountPaid")
        case .amountRemaining: .init("amount_remaining", in: .invoice, .integer, .required, fills: "InvoiceSnapshot.amountRemaining")
        case .status: .init("status", in: .invoice, .string, .required, fills: "InvoiceSnapshot.providerStatus")
        case .customer: .init("customer", in: .invoice, .idOrObject, .optional, fills: "InvoiceSnapshot.customerId")
        case .customerName: .init("customer_name", in: .invoice, .string, .optional, fills: "InvoiceSnapshot.customerName")
        case .customerEmail: .init("customer_email", in: .invoice, .string, .optional, fills: "InvoiceSnapshot.customerEmail")
        case .customerPhone: .init("customer_phone", in: .invoice, .string, .optional, fills: "InvoiceSnapshot.customerPhone")
        case .metadata: .init("metadata", in: .invoice, .object, .optional, fills: nil)
        case .preferredLocales: .init("customer_preferred_locales", in: .invoice, .strings, .optional, fills: "InvoiceSnapshot.customerLocale")
        case .lastFinalizationError: .init("last_finalization_error", in: .invoice, .object, .optional, fills: nil)
        case .attemptCount: .init("attempt_count", in: .invoice, .integer, .optional, fills: "InvoiceSnapshot.attemptCount")
        case .number: .init("number", in: .invoice, .string, .optional, fills: "InvoiceSnapshot.number")
        case .dueDate: .init("due_date", in: .invoice, .integer, .optional, fills: "InvoiceSnapshot.dueDate")
        case .hostedInvoiceURL: .init("hosted_invoice_url", in: .invoice, .string, .optional, fills: "InvoiceSnapshot.hostedInvoiceURL")
        case .collectionMethod: .init("collection_method", in: .invoice, .string, .optional, fills: "InvoiceSnapshot.collectionMethod")
        case .nextPaymentAttempt: .init("next_payment_attempt", in: .invoice, .integer, .optional, fills: "InvoiceSnapshot.nextPaymentAttempt")
        case .billingReason: .init("billing_reason", in: .invoice, .string, .optional, fills: "InvoiceSnapshot.billingReason")

        case .customerId: .init("id", in: .customer, .string, .required, fills: "InvoiceSnapshot.customerId")
        case .expandedName: .init("name", in: .customer, .string, .optional, fills: "InvoiceSnapshot.customerName")
        case .expandedEmail: .init("email", in: .customer, .string, .optional, fills: "InvoiceSnapshot.customerEmail")
        case .expandedPhone: .init("phone", in: .customer, .string, .optional, fills: "InvoiceSnapshot.customerPhone")
        case .expandedLocales: .init("preferred_locales", in: .customer, .strings, .optional, fills: "InvoiceSnapshot.customerLocale")
        case .expandedMetadata: .init("metadata", in: .customer, .object, .optional, fills: nil)

        case .metadataLocale: .init("locale", in: .metadata, .string, .optional, fills: "InvoiceSnapshot.customerLocale")
        case .metadataTimeZone: .init("time_zone", in: .metadata, .string, .optional, fills: "InvoiceSnapshot.customerTimeZone")
        case .metadataReminderPolicy: .init("reminder_policy", in: .metadata, .string, .optional, fills: "InvoiceSnapshot.reminderPolicy")
        case .metadataEscalationEmail: .init("escalation_email", in: .metadata, .string, .optional, fills: "InvoiceSnapshot.escalationEmail")

        case .customerReminderPolicy: .init("reminder_policy", in: .expandedMetadata, .string, .optional, fills: "InvoiceSnapshot.reminderPolicy")
        case .customerEscalationEmail: .init("escalation_email", in: .expandedMetadata, .string, .optional, fills: "InvoiceSnapshot.escalationEmail")

        case .finalizationMessage: .init("message", in: .lastFinalizationError, .string, .optional, fills: "InvoiceSnapshot.lastPaymentError")
        }
    }

    // MARK: - Lookups

    /// This field's row of the table.
    var spec: StripeFieldSpec { Self.table[rawValue] }

    /// The field of the object `parent` (`nil`: the event itself) whose key is `key`, for the scanner.
    static func member(_ key: Slice<UnsafeBufferPointer<UInt8>>, of parent: StripeField?) -> StripeField? {
        for member in members[parent.map { $0.rawValue + 1 } ?? 0] where key.is(member.key) {
            return member.field
        }
        return nil
    }

    private static let table: [StripeFieldSpec] = allCases.map(\.declaration)

    /// The fields of each object, keyed by their parent's `rawValue + 1` (0: the event).
    private static let members: [[(key: StaticString, field: StripeField)]] = {
        var members = Array(repeating: [(key: StaticString, field: StripeField)](), count: allCases.count + 1)
        for field in allCases {
            members[field.spec.parent.map { $0.rawValue + 1 } ?? 0].append((field.spec.key, field))
        }
        return members
    }()
}
