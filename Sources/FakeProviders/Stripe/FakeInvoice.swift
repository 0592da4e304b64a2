/// An invoice as the fake Stripe holds it: the fields InvoiceRelay reads, rendered in Stripe's invoice shape.
package struct FakeInvoice: Sendable, Equatable {
    /// `in_...`
    package var id: String
    package var number: String?
    /// `cus_...`
    package var customer: String?
    package var customerName: String?
    package var customerEmail: String?
    package var customerPhone: String?
    /// ISO 4217 code in any case; rendered lower-case like Stripe.
    package var currency: String
    /// Minor units.
    package var amountDue: Int64
    package var amountPaid: Int64
    package var amountRemaining: Int64
    /// Unix seconds.
    package var dueDate: Int64?
    /// `draft`, `open`, `paid`, `uncollectible` or `void`.
    package var status: String
    /// Defaults to a Stripe-style hosted URL for any non-draft invoice.
    package var hostedInvoiceURL: String?
    package var attemptCount: Int
    /// Unix seconds; the list order key.
    package var created: Int64
    package var metadata: [String: String]

    package init(
        id: String, number: String? = nil, customer: String? = "cus_FakeCustomer01", customerName: String? = nil,
        customerEmail: String? = nil, customerPhone: String? = nil, currency: String = "usd",
        amountDue: Int64, amountPaid: Int64 = 0, amountRemaining: Int64? = nil, dueDate: Int64? = nil,
        status: String = "open", hostedInvoiceURL: String? = nil, attemptCount: Int = 0, created: Int64,
        metadata: [String: String] = [:]
    ) {
        self.id = id
        self.number = number
        self.customer = customer
        self.customerName = customerName
        self.customerEmail = customerEmail
        self.customerPhone = customerPhone
        self.currency = currency
        self.amountDue = amountDue
        self.amountPaid = amountPaid
        self.amountRemaining = amountRemaining ?? max(0, amountDue - amountPaid)
        self.dueDate = dueDate
        self.status = status
        self.hostedInvoiceURL = hostedInvoiceURL ?? (status == "draft" ? nil : "https://invoice.stripe.com/i/acct_1FakeInvoiceRelay/test_\(id)")
        self.attemptCount = attemptCount
        self.created = created
        self.metadata = metadata
    }

    /// The invoice object as Stripe renders it (`"object": "invoice"`, keys in Stripe's order).
    var json: FakeJSON {
        let isFinal = status != "draft"
        return .object([
            ("id", .string(id)),
            ("object", .string("invoice")),
            ("account_country", .string("US")),
            ("account_name", .string("InvoiceRelay Fake Account")),
            ("amount_due", .int(amountDue)),
            ("amount_paid", .int(amountPaid)),
            ("amount_remaining", .int(amountRemaining)),
            ("attempt_count", .int(Int64(attemptCount))),
            ("attempted", .bool(attemptCount > 0)),
            ("auto_advance", .bool(status == "draft" || status == "open")),
            ("billing_reason", .string("manual")),
            ("collection_method", .string("send_invoice")),
            ("created", .int(created)),
            ("currency", .string(currency.lowercased())),
            ("customer", .optional(customer)),
            ("customer_email", .optional(customerEmail)),
            ("customer_name", .optional(customerName)),
            ("customer_phone", .optional(customerPhone)),
            ("description", .null),
            ("due_date", .optional(dueDate)),
            ("hosted_invoice_url", .optional(hostedInvoiceURL)),
            ("invoice_pdf", .optional(hostedInvoiceURL.map { $0 + "/pdf" })),
            ("livemode", .bool(false)),
            ("metadata", .object(metadata.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("number", .optional(number)),
            ("period_end", .int(created)),
            ("period_start", .int(created)),
            ("status", .string(status)),
            ("status_transitions", .object([
                ("finalized_at", isFinal ? .int(created) : .null),
                ("marked_uncollectible_at", status == "uncollectible" ? .int(created) : .null),
                ("paid_at", status == "paid" ? .int(created) : .null),
                ("voided_at", status == "void" ? .int(created) : .null),
            ])),
            ("subtotal", .int(amountDue)),
            ("total", .int(amountDue)),
        ])
    }
}
