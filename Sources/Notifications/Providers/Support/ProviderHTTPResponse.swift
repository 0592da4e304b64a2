import NIOHTTP1

/// A provider's HTTP answer with its body read up to ``ProviderExchange/bodyLimit`` bytes.
struct ProviderHTTPResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    /// The body, truncated at the limit (enough for any error message or id we look for).
    var body: [UInt8]

    /// The first value of header `name` (case-insensitive), trimmed.
    func header(_ name: String) -> String? {
        headers.first(name: name)?.trimmingCharacters(in: .whitespaces)
    }

    var isSuccess: Bool { (200..<300).contains(status) }
}
