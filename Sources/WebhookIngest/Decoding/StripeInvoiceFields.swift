/// The fields of a Stripe Invoice object that InvoiceRelay reads.
struct StripeInvoiceFields: Decodable {
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

    enum CodingKeys: String, CodingKey {
        case id, object, number, customer, metadata, currency, status
        case customerName = "customer_name"
        case customerEmail = "customer_email"
        case customerPhone = "customer_phone"
        case customerPreferredLocales = "customer_preferred_locales"
        case amountDue = "amount_due"
        case amountPaid = "amount_paid"
        case amountRemaining = "amount_remaining"
        case dueDate = "due_date"
        case hostedInvoiceURL = "hosted_invoice_url"
        case attemptCount = "attempt_count"
        case lastFinalizationError = "last_finalization_error"
    }

    /// `customer`: an id, or the Customer object when the event was sent with it expanded.
    enum Customer: Decodable {
        case id(String)
        case expanded(ExpandedCustomer)

        init(from decoder: any Decoder) throws {
            if let id = try? decoder.singleValueContainer().decode(String.self) {
                self = .id(id)
            } else {
                self = .expanded(try ExpandedCustomer(from: decoder))
            }
        }
    }

    struct ExpandedCustomer: Decodable {
        var id: String?
        var name: String?
        var email: String?
        var phone: String?
        var preferredLocales: [String]?

        enum CodingKeys: String, CodingKey {
            case id, name, email, phone
            case preferredLocales = "preferred_locales"
        }
    }

    struct Metadata: Decodable {
        var locale: String?
        var timeZone: String?

        enum CodingKeys: String, CodingKey {
            case locale
            case timeZone = "time_zone"
        }
    }

    struct FinalizationError: Decodable {
        var message: String?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        object = container.contains(.object) ? try container.decode(String.self, forKey: .object) : nil
        number = try container.decodeIfPresent(String.self, forKey: .number)
        customer = try container.decodeIfPresent(Customer.self, forKey: .customer)
        customerName = try container.decodeIfPresent(String.self, forKey: .customerName)
        customerEmail = try container.decodeIfPresent(String.self, forKey: .customerEmail)
        customerPhone = try container.decodeIfPresent(String.self, forKey: .customerPhone)
        customerPreferredLocales = try container.decodeIfPresent([String].self, forKey: .customerPreferredLocales)
        metadata = try container.decodeIfPresent(Metadata.self, forKey: .metadata)
        currency = try container.decodeIfPresent(String.self, forKey: .currency)
        amountDue = try container.decodeIfPresent(Int64.self, forKey: .amountDue)
        amountPaid = try container.decodeIfPresent(Int64.self, forKey: .amountPaid)
        amountRemaining = try container.decodeIfPresent(Int64.self, forKey: .amountRemaining)
        dueDate = try container.decodeIfPresent(Int64.self, forKey: .dueDate)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        hostedInvoiceURL = try container.decodeIfPresent(String.self, forKey: .hostedInvoiceURL)
        attemptCount = try container.decodeIfPresent(Int64.self, forKey: .attemptCount)
        lastFinalizationError = try container.decodeIfPresent(FinalizationError.self, forKey: .lastFinalizationError)
    }
}
