/// Any JSON value, decoded without a schema so that a provider's mistyped or missing field becomes a
/// precise reason instead of one opaque decoding error. Integers are kept exact (`Int64`).
enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Each failed attempt builds and throws a `DecodingError`, so the types most common in Stripe events come
    /// first. Only a string decodes as `String`, only `true`/`false` as `Bool`, and so on, so the order changes
    /// no result, except that a number must be tried as `Int64` before `Double` to keep integers exact.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .number(try container.decode(Double.self))
        }
    }

    /// The JSON type's name, for reasons ("expected a string, found a number").
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
