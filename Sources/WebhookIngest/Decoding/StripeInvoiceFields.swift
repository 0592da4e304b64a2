/// The fields of a Stripe Invoice object that InvoiceRelay reads.
struct StripeInvoiceFields {
    var id: String?
    /// `nil` only when the key is absent; see ``StripeEventFields/object``.
    var object: String?
    var number: String?
    var customer: Customer?
    var customerName: String?
    var customerEmail: String?
    var customerPhone: String?
    var customerPreferredLocales: [String]?
    var metadata: Metadata?
    var currency: String?
    var amountDue: Int64?
    var amountPaid: Int64?
    var amountRemaining: Int64?
    var dueDate: Int64?
    var status: String?
    var hostedInvoiceURL: String?
    var attemptCount: Int64?
    var lastFinalizationError: FinalizationError?

    /// `customer`: an id, or the Customer object when the event was sent with it expanded.
    enum Customer {
        case id(String)
        case expanded(ExpandedCustomer)
    }

    struct ExpandedCustomer {
        var id: String?
        var name: String?
        var email: String?
        var phone: String?
        var preferredLocales: [String]?
    }

    struct Metadata {
        var locale: String?
        var timeZone: String?
    }

    struct FinalizationError {
        var message: String?
    }

    /// Scans `data.object`: the invoice, `null` (`nil`), or anything else (a `problem`).
    static func scan(_ scanner: inout JSONScanner, problem: inout Bool) throws -> StripeInvoiceFields? {
        guard try scanner.startsObject(problem: &problem) else { return nil }
        var fields = StripeInvoiceFields()
        var seen = FieldSet()
        try scanner.object { key, scanner in
            if key.is("id") {
                try seen.once(0)
                fields.id = try scanner.string().optional(problem: &problem)
            } else if key.is("object") {
                try seen.once(1)
                if case .value(let value) = try scanner.string() { fields.object = value } else { problem = true }
            } else if key.is("number") {
                try seen.once(2)
                fields.number = try scanner.string().optional(problem: &problem)
            } else if key.is("customer") {
                try seen.once(3)
                fields.customer = try customer(&scanner, problem: &problem)
            } else if key.is("customer_name") {
                try seen.once(4)
                fields.customerName = try scanner.string().optional(problem: &problem)
            } else if key.is("customer_email") {
                try seen.once(5)
                fields.customerEmail = try scanner.string().optional(problem: &problem)
            } else if key.is("customer_phone") {
                try seen.once(6)
                fields.customerPhone = try scanner.string().optional(problem: &problem)
            } else if key.is("customer_preferred_locales") {
                try seen.once(7)
                fields.customerPreferredLocales = try strings(&scanner, problem: &problem)
            } else if key.is("metadata") {
                try seen.once(8)
                fields.metadata = try metadata(&scanner, problem: &problem)
            } else if key.is("currency") {
                try seen.once(9)
                fields.currency = try scanner.string().optional(problem: &problem)
            } else if key.is("amount_due") {
                try seen.once(10)
                fields.amountDue = try scanner.integer().optional(problem: &problem)
            } else if key.is("amount_paid") {
                try seen.once(11)
                fields.amountPaid = try scanner.integer().optional(problem: &problem)
            } else if key.is("amount_remaining") {
                try seen.once(12)
                fields.amountRemaining = try scanner.integer().optional(problem: &problem)
            } else if key.is("due_date") {
                try seen.once(13)
                fields.dueDate = try scanner.integer().optional(problem: &problem)
            } else if key.is("status") {
                try seen.once(14)
                fields.status = try scanner.string().optional(problem: &problem)
            } else if key.is("hosted_invoice_url") {
                try seen.once(15)
                fields.hostedInvoiceURL = try scanner.string().optional(problem: &problem)
            } else if key.is("attempt_count") {
                try seen.once(16)
                fields.attemptCount = try scanner.integer().optional(problem: &problem)
            } else if key.is("last_finalization_error") {
                try seen.once(17)
                fields.lastFinalizationError = try finalizationError(&scanner, problem: &problem)
            } else {
                try scanner.skipValue()
            }
        }
        return fields
    }

    private static func customer(_ scanner: inout JSONScanner, problem: inout Bool) throws -> Customer? {
        if scanner.peek == UInt8(ascii: "\"") {
            return try scanner.string().optional(problem: &problem).map(Customer.id)
        }
        guard try scanner.startsObject(problem: &problem) else { return nil }
        var customer = ExpandedCustomer()
        var seen = FieldSet()
        try scanner.object { key, scanner in
            if key.is("id") {
                try seen.once(0)
                customer.id = try scanner.string().optional(problem: &problem)
            } else if key.is("name") {
                try seen.once(1)
                customer.name = try scanner.string().optional(problem: &problem)
            } else if key.is("email") {
                try seen.once(2)
                customer.email = try scanner.string().optional(problem: &problem)
            } else if key.is("phone") {
                try seen.once(3)
                customer.phone = try scanner.string().optional(problem: &problem)
            } else if key.is("preferred_locales") {
                try seen.once(4)
                customer.preferredLocales = try strings(&scanner, problem: &problem)
            } else {
                try scanner.skipValue()
            }
        }
        return .expanded(customer)
    }

    /// An array of strings, `null` (`nil`); anything else, or a non-string element, is a `problem`.
    private static func strings(_ scanner: inout JSONScanner, problem: inout Bool) throws -> [String]? {
        if try scanner.null() { return nil }
        guard scanner.peek == UInt8(ascii: "[") else {
            try scanner.skipValue()
            problem = true
            return nil
        }
        var values: [String] = []
        try scanner.array { scanner in
            if case .value(let value) = try scanner.string() { values.append(value) } else { problem = true }
        }
        return values
    }

    private static func metadata(_ scanner: inout JSONScanner, problem: inout Bool) throws -> Metadata? {
        guard try scanner.startsObject(problem: &problem) else { return nil }
        var metadata = Metadata()
        var seen = FieldSet()
        try scanner.object { key, scanner in
            if key.is("locale") {
                try seen.once(0)
                metadata.locale = try scanner.string().optional(problem: &problem)
            } else if key.is("time_zone") {
                try seen.once(1)
                metadata.timeZone = try scanner.string().optional(problem: &problem)
            } else {
                try scanner.skipValue()
            }
        }
        return metadata
    }

    private static func finalizationError(_ scanner: inout JSONScanner, problem: inout Bool) throws -> FinalizationError? {
        guard try scanner.startsObject(problem: &problem) else { return nil }
        var error = FinalizationError()
        var seen = FieldSet()
        try scanner.object { key, scanner in
            guard key.is("message") else { return try scanner.skipValue() }
            try seen.once(0)
            error.message = try scanner.string().optional(problem: &problem)
        }
        return error
    }
}
