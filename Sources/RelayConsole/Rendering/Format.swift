import Foundation

/// How the console writes values: UTC times to the second, and a dash for nothing.
enum Format {
    static func date(_ date: Date?) -> String {
        guard let date else { return "—" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date).replacingOccurrences(of: "T", with: " ")
    }

    static func text(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "—" }
        return value
    }

    /// `12500` minor units of `usd` → `125.00 USD` (two decimals; the page is for reading, not for accounting).
    static func money(_ minor: Int64, currency: String) -> String {
        let digits = ["jpy": 0, "krw": 0, "kwd": 3, "bhd": 3][currency.lowercased()] ?? 2
        var divisor: Int64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let sign = minor < 0 ? "-" : ""
        let whole = abs(minor) / divisor
        let fraction = abs(minor) % divisor
        let fractionDigits = String(fraction)
        let fractionText = digits == 0 ? "" : "." + String(repeating: "0", count: max(0, digits - fractionDigits.count)) + fractionDigits
        return "\(sign)\(whole)\(fractionText) \(currency.uppercased())"
    }

    /// Options for a `<select>`: value, label and whether it is the current one; the first option is "any".
    static func options(_ values: [String], selected: String?, any: String = "any") -> [[String: Any]] {
        [["value": "", "label": any, "selected": selected == nil || selected == ""]]
            + values.map { ["value": $0, "label": $0, "selected": $0 == selected] }
    }

    /// A link to the next page, keeping the filters: `nil` on the last page.
    static func nextLink(_ path: String, filters: [(String, String)], cursor: String?) -> String? {
        guard let cursor else { return nil }
        return path + "?" + FormFields.encode(filters.filter { $0.0 != "cursor" } + [("cursor", cursor)])
    }
}
