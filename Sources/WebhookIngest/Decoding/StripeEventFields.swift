import InvoiceDomain

/// The fields of a Stripe event that InvoiceRelay reads, typed, for the fast path of ``StripeEventDecoder``.
///
/// Decoding throws on any mistyped field (including `null` where a string is required below), which sends the body
/// down the schema-less path that explains the problem. Fields the decoder never reads are skipped unconverted.
struct StripeEventFields: Decodable {
    var id: String?
    var type: String?
    var created: Int64?
    /// `nil` only when the key is absent: a present `null` throws, because it is a problem, not an absence.
    var object: String?
    /// Read only for handled event types, as in the schema-less path.
    var apiVersion: String?
    /// `data.object`, read only for handled event types; `nil` when it or `data` is absent or `null`.
    var invoice: StripeInvoiceFields?

    enum CodingKeys: String, CodingKey {
        case id, type, created, object, data
        case apiVersion = "api_version"
    }

    private struct DataFields: Decodable {
        var object: StripeInvoiceFields?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        created = try container.decodeIfPresent(Int64.self, forKey: .created)
        object = container.contains(.object) ? try container.decode(String.self, forKey: .object) : nil
        guard let type, InvoiceEventKind(rawValue: type) != nil else { return }
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        invoice = try container.decodeIfPresent(DataFields.self, forKey: .data)?.object
    }
}
