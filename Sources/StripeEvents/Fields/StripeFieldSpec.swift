/// One row of the ``StripeField`` table: where a field is, what it holds, whether it must be there, what it fills.
struct StripeFieldSpec: Sendable {
    /// The JSON type a field takes.
    enum Kind: Sendable {
        /// A string; `""` reads as absent for optional fields and is a problem for required ones.
        case string
        /// An integer that fits `Int64`.
        case integer
        /// An object whose members are fields of their own (those whose ``parent`` is this field).
        case object
        /// An array of strings, of which only the first is read.
        case strings
        /// An id string, or the object it names when the sender expanded it (Stripe's `customer`).
        case idOrObject
        /// The object's type tag (`"object": "invoice"`): absent, or exactly this string.
        case tag(StaticString)
    }

    /// Whether a field must be present (not `null`) for the event to be usable.
    enum Requirement: Sendable {
        case required
        case optional
        /// Optional for event types InvoiceRelay ignores, required for the `invoice.*` ones it handles.
        case requiredForInvoiceEvents
    }

    /// The member name in its object.
    var key: StaticString
    /// The object field it sits in; `nil` for members of the event itself.
    var parent: StripeField?
    var kind: Kind
    var requirement: Requirement
    /// The property it fills (`Type.property`), or `nil` for structure (objects that hold fields, type tags).
    var fills: StaticString?

    init(_ key: StaticString, in parent: StripeField?, _ kind: Kind, _ requirement: Requirement, fills: StaticString?) {
        self.key = key
        self.parent = parent
        self.kind = kind
        self.requirement = requirement
        self.fills = fills
    }

    /// The dotted path from the event, e.g. `data.object.customer.id`, as reasons name the field.
    var path: String {
        guard let parent else { return key.description }
        return "\(parent.spec.path).\(key.description)"
    }
}
