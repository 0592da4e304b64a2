import InvoiceDomain

/// The fields of a Stripe event that InvoiceRelay reads, typed, for the fast path of ``StripeEventDecoder``.
///
/// Filled by ``init(scanning:)`` in one pass over the body. Where the schema-less path would find something to
/// explain (a mistyped field, `null` for `object`, a duplicated field) scanning gives up, and the body goes down
/// that path instead. Fields nobody reads are skipped unconverted.
struct StripeEventFields {
    var id: String?
    var type: String?
    var created: Int64?
    /// `nil` only when the key is absent: a present `null` is a problem, not an absence.
    var object: String?
    /// Read only for handled event types, as in the schema-less path.
    var apiVersion: String?
    /// `data.object`, read only for handled event types; `nil` when it or `data` is absent or `null`.
    var invoice: StripeInvoiceFields?

    /// Scans `body`, or returns `nil` when the schema-less path must settle it.
    init?(scanning body: [UInt8]) {
        guard let fields = body.withUnsafeBufferPointer({ bytes in try? Self(scanner: JSONScanner(bytes)) }) else { return nil }
        self = fields
    }

    private init(scanner: JSONScanner) throws {
        var scanner = scanner
        var seen = FieldSet()
        // `api_version` and `data` may come before `type`: a problem in them counts only once `type` is known to be handled.
        var dataProblem = false
        try scanner.document { key, scanner in
            if key.is("id") {
                try seen.once(0)
                id = try scanner.string().required()
            } else if key.is("type") {
                try seen.once(1)
                type = try scanner.string().required()
            } else if key.is("created") {
                try seen.once(2)
                created = try scanner.integer().required()
            } else if key.is("object") {
                try seen.once(3)
                guard case .value(let value) = try scanner.string() else { throw JSONScanner.Unreadable() }
                object = value
            } else if key.is("api_version") {
                try seen.once(4)
                apiVersion = try scanner.string().optional(problem: &dataProblem)
            } else if key.is("data") {
                try seen.once(5)
                invoice = try Self.data(&scanner, problem: &dataProblem)
            } else {
                try scanner.skipValue()
            }
        }
        if dataProblem, let type, InvoiceEventKind(rawValue: type) != nil { throw JSONScanner.Unreadable() }
    }

    /// `data`: an object whose `object` member is the invoice.
    private static func data(_ scanner: inout JSONScanner, problem: inout Bool) throws -> StripeInvoiceFields? {
        guard try scanner.startsObject(problem: &problem) else { return nil }
        var invoice: StripeInvoiceFields?
        var seen = FieldSet()
        try scanner.object { key, scanner in
            guard key.is("object") else { return try scanner.skipValue() }
            try seen.once(0)
            invoice = try StripeInvoiceFields.scan(&scanner, problem: &problem)
        }
        return invoice
    }
}

/// Which of up to 64 read fields an object has shown; a field seen twice leaves the body to the exhaustive path.
struct FieldSet {
    private var bits: UInt64 = 0

    mutating func once(_ field: Int) throws {
        let bit: UInt64 = 1 << UInt64(field)
        guard bits & bit == 0 else { throw JSONScanner.Unreadable() }
        bits |= bit
    }
}

extension JSONScanner.Read {
    /// A field that must have this type or be `null` (`nil`) for the body to be settled here.
    func required() throws -> Value? {
        switch self {
        case .value(let value): value
        case .null: nil
        case .mismatch: throw JSONScanner.Unreadable()
        }
    }

    /// A field whose mistyping is a `problem` (and reads as `nil`).
    func optional(problem: inout Bool) -> Value? {
        switch self {
        case .value(let value): return value
        case .null: return nil
        case .mismatch:
            problem = true
            return nil
        }
    }
}
