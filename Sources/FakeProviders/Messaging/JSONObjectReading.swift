import Foundation

/// Parses a request body as a JSON object, the way the fakes inspect what clients sent.
enum JSONObjectReading {
    /// The top-level object, or `nil` if the body is not a JSON object.
    static func object(_ body: [UInt8]) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
    }

    /// A JSON value as a string if it is one, `nil` otherwise (numbers and booleans are not strings).
    static func string(_ value: Any?) -> String? {
        guard let value, !(value is NSNull), !(value is NSNumber) else { return nil }
        return value as? String
    }
}
