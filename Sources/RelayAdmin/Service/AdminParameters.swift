package import Foundation

/// Named string inputs (an API query string, or CLI options) checked strictly: an unknown name or a
/// value of the wrong shape is a 400 naming the parameter, never silently ignored.
package struct AdminParameters: Sendable {
    private var values: [String: String]

    /// - Throws: ``AdminError`` for a name outside `allowed` or one given twice.
    package init(_ pairs: [(String, String)], allowed: Set<String>) throws {
        var values: [String: String] = [:]
        for (name, value) in pairs {
            guard allowed.contains(name) else {
                throw AdminError.badRequest("unknown_parameter", "unknown parameter '\(name)' (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            guard values[name] == nil else {
                throw AdminError.badRequest("invalid_parameter", "parameter '\(name)' is given more than once")
            }
            values[name] = value
        }
        self.values = values
    }

    /// A non-empty string, or `nil` when absent.
    package func string(_ name: String) throws -> String? {
        guard let value = values[name] else { return nil }
        guard !value.isEmpty, value.count <= 500 else {
            throw AdminError.badRequest("invalid_parameter", "parameter '\(name)' must be 1 to 500 characters")
        }
        return value
    }

    package func choice<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type) throws -> T? where T.RawValue == String {
        guard let value = values[name] else { return nil }
        guard let parsed = T(rawValue: value) else {
            throw AdminError.badRequest("invalid_parameter", "parameter '\(name)': '\(value)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed
    }

    package func bool(_ name: String) throws -> Bool? {
        guard let value = values[name] else { return nil }
        switch value {
        case "true": return true
        case "false": return false
        default: throw AdminError.badRequest("invalid_parameter", "parameter '\(name)' must be true or false")
        }
    }

    package func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = values[name] else { return nil }
        guard let parsed = Int(value), range.contains(parsed) else {
            throw AdminError.badRequest("invalid_parameter", "parameter '\(name)' must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return parsed
    }

    /// An ISO 8601 instant (`2026-01-31T09:00:00Z`, fractional seconds allowed) or a UTC day (`2026-01-31`).
    package func date(_ name: String) throws -> Date? {
        guard let value = values[name] else { return nil }
        guard let date = Self.parseDate(value) else {
            throw AdminError.badRequest("invalid_parameter", "parameter '\(name)' must be an ISO 8601 date-time (2026-01-31T09:00:00Z) or a day (2026-01-31)")
        }
        return date
    }

    /// Page size: `limit`, default 50, at most 500.
    package func limit() throws -> Int {
        try int("limit", in: 1...500) ?? 50
    }

    /// A numeric id cursor (`cursor`) from a previous page's `next_cursor`.
    package func idCursor() throws -> Int64? {
        guard let value = values["cursor"] else { return nil }
        guard let id = Int64(value), id > 0 else {
            throw AdminError.badRequest("invalid_cursor", "cursor '\(value)' was not produced by this list")
        }
        return id
    }

    static func parseDate(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        day.timeZone = TimeZone(identifier: "UTC")
        return plain.date(from: text) ?? withFraction.date(from: text) ?? (text.count == 10 ? day.date(from: text) : nil)
    }
}
