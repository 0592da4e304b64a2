package import Foundation

/// Formats integer minor-unit amounts as localized currency strings for customer-facing messages.
///
/// The amount is turned into a `Decimal` with exact integer math (`minorUnits × 10^-exponent`, never
/// through `Double`), then formatted by Foundation's currency style for the locale, with exactly
/// `currency.minorUnits` fraction digits (so KWD always shows 3 decimals and JPY none, whatever the
/// locale data says).
///
/// Spacing: Foundation/ICU separates symbol and number with U+00A0 (and French groups digits with
/// U+202F). Every Unicode space separator in the output is normalised to a plain U+0020 space, so
/// `12.345,67 €` keeps SMS messages in the GSM-7 alphabet (U+00A0 would force UCS-2 and halve
/// the segment size) and strings compare predictably.
package enum MoneyFormatter {
    /// Formats `minorUnits` of `currency` for `locale`, e.g. `12500 USD en-US` → `$125.00`,
    /// `1234567 EUR de-DE` → `12.345,67 €`, `5000 JPY en-US` → `¥5,000`.
    package static func format(minorUnits: Int64, currency: Currency, locale: Locale) -> String {
        let style = Decimal.FormatStyle.Currency(code: currency.code, locale: locale)
            .precision(.fractionLength(currency.minorUnits))
        return normalisingSpaces(decimal(minorUnits: minorUnits, exponent: currency.minorUnits).formatted(style))
    }

    /// The exact decimal value of an amount held in minor units (`12345, 2` → `123.45`).
    package static func decimal(minorUnits: Int64, exponent: Int) -> Decimal {
        Decimal(sign: minorUnits < 0 ? .minus : .plus, exponent: -exponent, significand: Decimal(minorUnits.magnitude))
    }

    /// Replaces every Unicode space separator (U+00A0, U+202F, U+2009, ...) with U+0020.
    package static func normalisingSpaces(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(scalar.properties.generalCategory == .spaceSeparator ? " " : scalar)
        }
        return String(scalars)
    }
}
