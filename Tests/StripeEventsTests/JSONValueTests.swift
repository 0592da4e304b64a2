import Foundation
import Testing
@testable import StripeEvents
import WebhookTestSupport

@Suite("Schema-less JSON values")
struct JSONValueTests {
    /// The original probing order (`Bool`, `Int64`, `Double`, `String`, array, object): the reference for the faster order.
    private struct ReferenceJSONValue: Decodable {
        var value: JSONValue

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .null
            } else if let bool = try? container.decode(Bool.self) {
                value = .bool(bool)
            } else if let integer = try? container.decode(Int64.self) {
                value = .integer(integer)
            } else if let number = try? container.decode(Double.self) {
                value = .number(number)
            } else if let string = try? container.decode(String.self) {
                value = .string(string)
            } else if let array = try? container.decode([ReferenceJSONValue].self) {
                value = .array(array.map(\.value))
            } else {
                value = .object(try container.decode([String: ReferenceJSONValue].self).mapValues(\.value))
            }
        }
    }

    private func decoded(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    @Test(arguments: [
        ("null", JSONValue.null), ("true", .bool(true)), ("false", .bool(false)), ("0", .integer(0)), ("-0", .integer(0)),
        ("1", .integer(1)), ("1.0", .integer(1)), ("9223372036854775807", .integer(.max)), ("-9223372036854775808", .integer(.min)),
        ("9223372036854775808", .number(9_223_372_036_854_775_808)), ("1.5", .number(1.5)), (#""1""#, .string("1")),
        (#""true""#, .string("true")), ("[true,1,\"1\",null]", .array([.bool(true), .integer(1), .string("1"), .null])),
        (#"{"a":{"b":[]}}"#, .object(["a": .object(["b": .array([])])])),
    ])
    func keepsTypesExact(_ json: String, _ expected: JSONValue) {
        #expect(decoded(json.bytes) == expected)
    }

    @Test func sameValuesAsTheOriginalProbingOrder() throws {
        var bodies = try DecoderCorpus.all().map(\.bytes)
        bodies += DecoderCorpus.unusualTokens.map { Array("[\($0)]".utf8) }
        bodies += DecoderCorpus.mutations(of: StripeEventDecoderTests.event(), count: 300, seed: 42).map(\.bytes)
        var values = 0
        for bytes in bodies {
            let reference = (try? JSONDecoder().decode(ReferenceJSONValue.self, from: Data(bytes)))?.value
            if reference != nil { values += 1 }
            #expect(decoded(bytes) == reference, "\(String(decoding: bytes.prefix(120), as: UTF8.self).debugDescription)")
        }
        #expect(values > 500)
    }
}
