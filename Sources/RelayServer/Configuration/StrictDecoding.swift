import Foundation

/// Decoding helpers for configuration: unknown keys are errors, missing keys take documented defaults.
extension Decoder {
    /// Throws when the JSON object holds a key the section does not define (typos must stop startup).
    func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        let container = try container(keyedBy: AnyKey.self)
        let known = Set(Keys.allCases.map(\.stringValue))
        for key in container.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath + [key], debugDescription: "unknown key '\(key.stringValue)' (allowed: \(known.sorted().joined(separator: ", ")))")
            )
        }
    }
}

extension KeyedDecodingContainer {
    /// The value at `key`, or `defaultValue` when the key is absent.
    func value<T: Decodable>(_ key: Key, default defaultValue: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? defaultValue
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

/// A local time of day written `"HH:MM"` in configuration.
package struct TimeOfDay: Sendable, Equatable, Codable, CustomStringConvertible {
    package var hour: Int
    package var minute: Int

    package init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    package init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a time of day HH:MM"))
        }
        self.init(hour: parts[0], minute: parts[1])
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    package var description: String { String(format: "%02d:%02d", hour, minute) }
}

// MARK: - Typed values

extension KeyedDecodingContainer {
    /// A closed set of names (scheme, provider, log format, …) decoded into its enum; anything else is an error
    /// listing the allowed names, at the key's path.
    func choice<T: RawRepresentable & CaseIterable>(_ key: Key) throws -> T where T.RawValue == String {
        let text = try decode(String.self, forKey: key)
        return try Self.choice(text, at: codingPath + [key])
    }

    /// ``choice(_:)`` with a default for an absent key.
    func choice<T: RawRepresentable & CaseIterable>(_ key: Key, default defaultValue: T) throws -> T where T.RawValue == String {
        contains(key) ? try choice(key) : defaultValue
    }

    /// A list of names from a closed set, e.g. `["email", "sms"]`.
    func choices<T: RawRepresentable & CaseIterable>(_ key: Key) throws -> [T] where T.RawValue == String {
        let texts = try decode([String].self, forKey: key)
        return try texts.enumerated().map { index, text in
            try Self.choice(text, at: codingPath + [key, AnyKey(intValue: index)!])
        }
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ text: String, at path: [any CodingKey]) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "'\(text)' is not one of \(allowed)"))
        }
        return value
    }

    /// An absolute `http` or `https` URL with a host.
    func httpURL(_ key: Key) throws -> URL {
        let text = try decode(String.self, forKey: key)
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host?.isEmpty == false
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [key], debugDescription: "'\(text)' is not an http(s) URL"))
        }
        return url
    }

    /// ``httpURL(_:)`` with a default for an absent key.
    func httpURL(_ key: Key, default defaultValue: URL) throws -> URL {
        contains(key) ? try httpURL(key) : defaultValue
    }

    /// ``httpURL(_:)`` for an optional key.
    func httpURLIfPresent(_ key: Key) throws -> URL? {
        guard contains(key), !(try decodeNil(forKey: key)) else { return nil }
        return try httpURL(key)
    }

    /// An IANA time zone identifier, e.g. `America/New_York`.
    func timeZone(_ key: Key) throws -> TimeZone {
        let identifier = try decode(String.self, forKey: key)
        guard let zone = TimeZone(identifier: identifier) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [key], debugDescription: "unknown time zone '\(identifier)'"))
        }
        return zone
    }

    /// ``timeZone(_:)`` for an optional key.
    func timeZoneIfPresent(_ key: Key) throws -> TimeZone? {
        guard contains(key), !(try decodeNil(forKey: key)) else { return nil }
        return try timeZone(key)
    }
}
