/// The read fields of one body, filled by a single scan of its bytes: the typed fast path's ``StripeFieldSource``.
///
/// The scanner finds each member's field in the ``StripeField`` table, reads the value as the field's kind says,
/// and skips every other member unconverted. Nothing is built but the values themselves (no tree, no
/// dictionary): one stored property per field, so the struct lives on the stack. Whatever the schema-less path
/// might read differently (an escaped key, a field given twice, a number that is not a plain integer where an
/// integer is read, nesting deeper than the scanner follows) makes the scan fail, and the body goes down that
/// path instead.
struct StripeFieldValues: StripeFieldSource {
    // One slot per ``StripeField`` case, reached through ``subscript(_:)``: its switches have no `default`, so a
    // field added to the table and not here does not compile.
    private var eventId = FieldValue.absent
    private var eventType = FieldValue.absent
    private var created = FieldValue.absent
    private var eventObject = FieldValue.absent
    private var apiVersion = FieldValue.absent
    private var data = FieldValue.absent
    private var invoice = FieldValue.absent
    private var invoiceObject = FieldValue.absent
    private var invoiceId = FieldValue.absent
    private var currency = FieldValue.absent
    private var amountDue = FieldValue.absent
    private var amountPaid = FieldValue.absent
    private var amountRemaining = FieldValue.absent
    private var status = FieldValue.absent
    private var customer = FieldValue.absent
    private var customerName = FieldValue.absent
    private var customerEmail = FieldValue.absent
    private var customerPhone = FieldValue.absent
    private var metadata = FieldValue.absent
    private var preferredLocales = FieldValue.absent
    private var lastFinalizationError = FieldValue.absent
    private var attemptCount = FieldValue.absent
    private var number = FieldValue.absent
    private var dueDate = FieldValue.absent
    private var hostedInvoiceURL = FieldValue.absent
    private var collectionMethod = FieldValue.absent
    private var nextPaymentAttempt = FieldValue.absent
    private var billingReason = FieldValue.absent
    private var customerId = FieldValue.absent
    private var expandedName = FieldValue.absent
    private var expandedEmail = FieldValue.absent
    private var expandedPhone = FieldValue.absent
    private var expandedLocales = FieldValue.absent
    private var expandedMetadata = FieldValue.absent
    private var customerReminderPolicy = FieldValue.absent
    private var customerEscalationEmail = FieldValue.absent
    private var metadataLocale = FieldValue.absent
    private var metadataTimeZone = FieldValue.absent
    private var metadataReminderPolicy = FieldValue.absent
    private var metadataEscalationEmail = FieldValue.absent
    private var finalizationMessage = FieldValue.absent

    /// Scans `body` (whose tokens ``JSONTokenCheck`` passed), or returns `nil` when the schema-less path must read it.
    init?(scanning body: [UInt8]) {
        var values = StripeFieldValues()
        let scanned = body.withUnsafeBufferPointer { bytes in
            var scanner = JSONScanner(bytes)
            var seen = FieldSet()
            do {
                try scanner.document { key, scanner in try values.member(key, of: nil, &scanner, &seen) }
                return true
            } catch {
                return false
            }
        }
        guard scanned else { return nil }
        self = values
    }

    private init() {}

    func value(_ field: StripeField) -> FieldValue { self[field] }

    // MARK: - Scanning

    /// Reads the member `key` of the object `parent` (`nil`: the event) if it is a field, else skips it.
    private mutating func member(
        _ key: Slice<UnsafeBufferPointer<UInt8>>, of parent: StripeField?, _ scanner: inout JSONScanner, _ seen: inout FieldSet
    ) throws {
        guard let field = StripeField.member(key, of: parent) else { return try scanner.skipValue() }
        try seen.once(field.rawValue)
        let value = try read(field, &scanner, &seen)
        self[field] = value
    }

    /// Reads the value at the scanner's position as `field`'s kind says, with the members of an object field.
    private mutating func read(_ field: StripeField, _ scanner: inout JSONScanner, _ seen: inout FieldSet) throws -> FieldValue {
        let found = Self.typeName(of: scanner.peek)
        if try scanner.null() { return .null }
        switch field.spec.kind {
        case .string, .tag:
            guard case .value(let value) = try scanner.string() else { return .mismatched(found) }
            return .string(value)
        case .integer:
            switch try scanner.integer() {
            case .value(let value): return .integer(value)
            case .null: return .null
            // A fraction, `-0` or a long number may still be an exact integer to `JSONDecoder`: let it decide.
            case .mismatch: if found == "a number" { throw JSONScanner.Unreadable() } else { return .mismatched(found) }
            }
        case .object:
            guard scanner.peek == UInt8(ascii: "{") else { return try Self.skip(&scanner, found) }
            try scanner.object { key, scanner in try member(key, of: field, &scanner, &seen) }
            return .object
        case .strings:
            guard scanner.peek == UInt8(ascii: "[") else { return try Self.skip(&scanner, found) }
            var first: String?
            var isFirst = true
            try scanner.array { scanner in
                if isFirst, case .value(let value) = try scanner.string() { first = value } else if !isFirst { try scanner.skipValue() }
                isFirst = false
            }
            return .array(first: first)
        case .idOrObject:
            if found == "a string", case .value(let value) = try scanner.string() { return .string(value) }
            guard found == "an object" else { return try Self.skip(&scanner, found) }
            try scanner.object { key, scanner in try member(key, of: field, &scanner, &seen) }
            return .object
        }
    }

    private static func skip(_ scanner: inout JSONScanner, _ found: String) throws -> FieldValue {
        try scanner.skipValue()
        return .mismatched(found)
    }

    /// The name of the JSON type starting with `byte`, as ``FieldValue/typeName`` and ``JSONValue/typeName`` word it.
    private static func typeName(of byte: UInt8?) -> String {
        switch byte {
        case UInt8(ascii: "{")?: "an object"
        case UInt8(ascii: "[")?: "an array"
        case UInt8(ascii: "\"")?: "a string"
        case UInt8(ascii: "t")?, UInt8(ascii: "f")?: "a boolean"
        case UInt8(ascii: "n")?: "null"
        default: "a number"
        }
    }

    // MARK: - Storage

    private subscript(field: StripeField) -> FieldValue {
        get {
            switch field {
            case .eventId: eventId
            case .eventType: eventType
            case .created: created
            case .eventObject: eventObject
            case .apiVersion: apiVersion
            case .data: data
            case .invoice: invoice
            case .invoiceObject: invoiceObject
            case .invoiceId: invoiceId
            case .currency: currency
            case .amountDue: amountDue
            case .amountPaid: amountPaid
            case .amountRemaining: amountRemaining
            case .status: status
            case .customer: customer
            case .customerName: customerName
            case .customerEmail: customerEmail
            case .customerPhone: customerPhone
            case .metadata: metadata
            case .preferredLocales: preferredLocales
            case .lastFinalizationError: lastFinalizationError
            case .attemptCount: attemptCount
            case .number: number
            case .dueDate: dueDate
            case .hostedInvoiceURL: hostedInvoiceURL
            case .collectionMethod: collectionMethod
            case .nextPaymentAttempt: nextPaymentAttempt
            case .billingReason: billingReason
            case .customerId: customerId
            case .expandedName: expandedName
            case .expandedEmail: expandedEmail
            case .expandedPhone: expandedPhone
            case .expandedLocales: expandedLocales
            case .expandedMetadata: expandedMetadata
            case .customerReminderPolicy: customerReminderPolicy
            case .customerEscalationEmail: customerEscalationEmail
            case .metadataLocale: metadataLocale
            case .metadataTimeZone: metadataTimeZone
            case .metadataReminderPolicy: metadataReminderPolicy
            case .metadataEscalationEmail: metadataEscalationEmail
            case .finalizationMessage: finalizationMessage
            }
        }
        set {
            switch field {
            case .eventId: eventId = newValue
            case .eventType: eventType = newValue
            case .created: created = newValue
            case .eventObject: eventObject = newValue
            case .apiVersion: apiVersion = newValue
            case .data: data = newValue
            case .invoice: invoice = newValue
            case .invoiceObject: invoiceObject = newValue
            case .invoiceId: invoiceId = newValue
            case .currency: currency = newValue
            case .amountDue: amountDue = newValue
            case .amountPaid: amountPaid = newValue
            case .amountRemaining: amountRemaining = newValue
            case .status: status = newValue
            case .customer: customer = newValue
            case .customerName: customerName = newValue
            case .customerEmail: customerEmail = newValue
            case .customerPhone: customerPhone = newValue
            case .metadata: metadata = newValue
            case .preferredLocales: preferredLocales = newValue
            case .lastFinalizationError: lastFinalizationError = newValue
            case .attemptCount: attemptCount = newValue
            case .number: number = newValue
            case .dueDate: dueDate = newValue
            case .hostedInvoiceURL: hostedInvoiceURL = newValue
            case .collectionMethod: collectionMethod = newValue
            case .nextPaymentAttempt: nextPaymentAttempt = newValue
            case .billingReason: billingReason = newValue
            case .customerId: customerId = newValue
            case .expandedName: expandedName = newValue
            case .expandedEmail: expandedEmail = newValue
            case .expandedPhone: expandedPhone = newValue
            case .expandedLocales: expandedLocales = newValue
            case .expandedMetadata: expandedMetadata = newValue
            case .customerReminderPolicy: customerReminderPolicy = newValue
            case .customerEscalationEmail: customerEscalationEmail = newValue
            case .metadataLocale: metadataLocale = newValue
            case .metadataTimeZone: metadataTimeZone = newValue
            case .metadataReminderPolicy: metadataReminderPolicy = newValue
            case .metadataEscalationEmail: metadataEscalationEmail = newValue
            case .finalizationMessage: finalizationMessage = newValue
            }
        }
    }
}

/// Which fields a body has shown (one bit per ``StripeField``, so at most 64); a field given twice leaves the body to
/// the schema-less path.
private struct FieldSet {
    private var bits: UInt64 = 0

    mutating func once(_ field: Int) throws {
        let bit: UInt64 = 1 << UInt64(field)
        guard bits & bit == 0 else { throw JSONScanner.Unreadable() }
        bits |= bit
    }
}
