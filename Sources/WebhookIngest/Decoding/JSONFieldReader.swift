import Foundation

/// Reads typed fields out of JSON objects, collecting one reason per missing or mistyped field
/// rather than stopping at the first, so a quarantined event says everything that was wrong with it.
struct JSONFieldReader {
    private(set) var problems: [String] = []

    mutating func problem(_ reason: String) {
        problems.append(reason)
    }

    // MARK: - Required

    mutating func requiredString(_ object: [String: JSONValue], _ key: String, at path: String = "") -> String? {
        switch object[key] {
        case .string(let value) where !value.isEmpty: return value
        case .string: problems.append("\(path)\(key) is empty")
        case nil, .null: problems.append("\(path)\(key) is missing")
        case let other?: problems.append("\(path)\(key) must be a string, found \(other.typeName)")
        }
        return nil
    }

    mutating func requiredInteger(_ object: [String: JSONValue], _ key: String, at path: String = "") -> Int64? {
        switch object[key] {
        case .integer(let value): return value
        case nil, .null: problems.append("\(path)\(key) is missing")
        case let other?: problems.append("\(path)\(key) must be an integer, found \(other.typeName)")
        }
        return nil
    }

    mutating func requiredObject(_ object: [String: JSONValue], _ key: String, at path: String = "") -> [String: JSONValue]? {
        switch object[key] {
        case .object(let value): return value
        case nil, .null: problems.append("\(path)\(key) is missing")
        case let other?: problems.append("\(path)\(key) must be an object, found \(other.typeName)")
        }
        return nil
    }

    // MARK: - Optional (absent, null and "" all read as nil; a wrong type is still a problem)

    mutating func optionalString(_ object: [String: JSONValue]?, _ key: String, at path: String = "") -> String? {
        switch object?[key] {
        case .string(let value): return value.isEmpty ? nil : value
        case nil, .null: return nil
        case let other?:
            problems.append("\(path)\(key) must be a string or null, found \(other.typeName)")
            return nil
        }
    }

    mutating func optionalInteger(_ object: [String: JSONValue]?, _ key: String, at path: String = "") -> Int64? {
        switch object?[key] {
        case .integer(let value): return value
        case nil, .null: return nil
        case let other?:
            problems.append("\(path)\(key) must be an integer or null, found \(other.typeName)")
            return nil
        }
    }

    mutating func optionalObject(_ object: [String: JSONValue]?, _ key: String, at path: String = "") -> [String: JSONValue]? {
        switch object?[key] {
        case .object(let value): return value
        case nil, .null: return nil
        case let other?:
            problems.append("\(path)\(key) must be an object or null, found \(other.typeName)")
            return nil
        }
    }

    mutating func optionalArray(_ object: [String: JSONValue]?, _ key: String, at path: String = "") -> [JSONValue]? {
        switch object?[key] {
        case .array(let value): return value
        case nil, .null: return nil
        case let other?:
            problems.append("\(path)\(key) must be an array or null, found \(other.typeName)")
            return nil
        }
    }

    /// Unix seconds as a `Date`.
    static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
