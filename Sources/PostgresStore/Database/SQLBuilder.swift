import PostgresNIO
import Foundation

/// A query assembled from fixed SQL fragments and bound values, for the admin lists whose `WHERE` clause depends on
/// the filter. Values only ever become `$n` parameters.
struct SQLBuilder {
    private var sql: String
    private var binds = PostgresBindings()
    private var conditions: [String] = []

    init(_ sql: String) { self.sql = sql }

    /// Adds `condition`, in which `?` stands for `value`'s parameter.
    mutating func filter<Value: PostgresThrowingDynamicTypeEncodable>(_ condition: String, _ value: Value) throws {
        try binds.append(value)
        conditions.append(condition.replacingOccurrences(of: "?", with: "$\(binds.count)"))
    }

    /// Binds `value` and returns its placeholder (`$n`), for the base SQL of an `UPDATE`.
    mutating func bind<Value: PostgresThrowingDynamicTypeEncodable>(_ value: Value) throws -> String {
        try binds.append(value)
        return "$\(binds.count)"
    }

    /// Appends fixed SQL (no values) to the base statement.
    mutating func append(_ text: String) {
        sql += text
    }

    /// Adds a condition without a parameter.
    mutating func filter(_ condition: String) {
        conditions.append(condition)
    }

    /// The query: the base SQL, the conditions joined with `AND`, then `suffix` (order, limit: `?` binds `limit`).
    func query(_ suffix: String, limit: Int? = nil) throws -> PostgresQuery {
        var binds = binds
        var text = sql
        if !conditions.isEmpty { text += " WHERE " + conditions.joined(separator: " AND ") }
        var tail = suffix
        if let limit {
            binds.append(Int64(limit))
            tail = tail.replacingOccurrences(of: "?", with: "$\(binds.count)")
        }
        return PostgresQuery(unsafeSQL: text + " " + tail, binds: binds)
    }
}
