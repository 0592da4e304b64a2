import Foundation
import InvoiceDomain
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

    /// The wait `Retry-After` asks for (delta-seconds or an HTTP date relative to `now`), if it is present and valid.
    func retryAfter(now: Date) -> TimeInterval? {
        header("Retry-After").flatMap { RetryAfter.seconds(from: $0, now: now) }
    }

    /// The provider's error text led by its error code (`"<codeLabel> <code>: <text>"`), or a snippet of the
    /// body when the provider gave no text.
    func errorMessage(_ text: String?, code: Int?, codeLabel: String) -> String? {
        guard let text else { return ProviderBodyText.snippet(body) }
        return code.map { "\(codeLabel) \($0): \(text)" } ?? text
    }
}
