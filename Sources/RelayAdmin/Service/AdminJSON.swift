import Foundation

/// The one JSON shape of the admin surface (API responses and CLI `--json`): snake_case keys,
/// ISO 8601 dates, sorted keys.
public enum AdminJSON {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static func encode(_ value: some Encodable, pretty: Bool = false) throws -> [UInt8] {
        Array(try encoder(pretty: pretty).encode(value))
    }
}
