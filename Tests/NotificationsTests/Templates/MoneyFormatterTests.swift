import Foundation
import InvoiceDomain
import Testing

@Suite("MoneyFormatter")
struct MoneyFormatterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var minorUnits: Int64
        var code: String
        var locale: String
        var expected: String
        var testDescription: String { "\(minorUnits) \(code) \(locale)" }
    }

    static let table: [Case] = [
        Case(minorUnits: 12_500, code: "USD", locale: "en-US", expected: "$125.00"),
        Case(minorUnits: 5_000, code: "JPY", locale: "en-US", expected: "¥5,000"),
        Case(minorUnits: 1_234_567, code: "EUR", locale: "de-DE", expected: "12.345,67 €"),
        Case(minorUnits: 1_234_567, code: "EUR", locale: "fr-FR", expected: "12 345,67 €"),
        Case(minorUnits: 1_234, code: "KWD", locale: "en-US", expected: "KWD 1.234"),
        Case(minorUnits: 1_234, code: "KWD", locale: "de-DE", expected: "1,234 KWD"),
        Case(minorUnits: 9_950, code: "GBP", locale: "en-GB", expected: "£99.50"),
        Case(minorUnits: 100, code: "GBP", locale: "en-GB", expected: "£1.00"),
        Case(minorUnits: -1_250, code: "USD", locale: "en-US", expected: "-$12.50"),
        Case(minorUnits: 0, code: "JPY", locale: "ja-JP", expected: "¥0"),
        Case(minorUnits: 1, code: "USD", locale: "en-US", expected: "$0.01"),
        // Beyond Double's 53-bit mantissa: only exact Decimal math keeps the last cents.
        Case(minorUnits: Int64.max, code: "USD", locale: "en-US", expected: "$92,233,720,368,547,758.07"),
    ]

    @Test("formats minor units for the locale", arguments: table)
    func formats(_ row: Case) throws {
        let currency = try #require(Currency.iso(row.code))
        #expect(MoneyFormatter.format(minorUnits: row.minorUnits, currency: currency, locale: Locale(identifier: row.locale)) == row.expected)
    }

    @Test("output never contains non-breaking or narrow spaces", arguments: ["de-DE", "fr-FR", "de-CH", "pt-BR", "en-US"])
    func spacesAreNormalised(_ locale: String) throws {
        let currency = try #require(Currency.iso("EUR"))
        let text = MoneyFormatter.format(minorUnits: 123_456_789, currency: currency, locale: Locale(identifier: locale))
        #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .spaceSeparator && $0 != " " })
    }

    @Test("decimal conversion is exact for every exponent")
    func exactDecimal() {
        #expect(MoneyFormatter.decimal(minorUnits: 12_345, exponent: 2) == Decimal(string: "123.45"))
        #expect(MoneyFormatter.decimal(minorUnits: 1_234, exponent: 3) == Decimal(string: "1.234"))
        #expect(MoneyFormatter.decimal(minorUnits: 5_000, exponent: 0) == Decimal(5_000))
        #expect(MoneyFormatter.decimal(minorUnits: -7, exponent: 4) == Decimal(string: "-0.0007"))
        #expect(MoneyFormatter.decimal(minorUnits: Int64.min, exponent: 2) == Decimal(string: "-92233720368547758.08"))
    }
}
