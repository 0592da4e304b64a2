import Foundation

// MARK: - Conversions shared by both paths (through ``StripeEventAssembler``)

extension StripeEventDecoder {
    /// One reason from several problems.
    static func reason(_ problems: [String]) -> String {
        problems.isEmpty ? "unusable event" : problems.joined(separator: "; ")
    }

    /// Unix seconds as a `Date`.
    static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Stripe stores phones as typed; strip the usual punctuation from a `+` number so `+1 (555) 010-9999`
    /// becomes E.164. Anything else is left as is for validation to judge.
    static func normalisedPhone(_ phone: String) -> String {
        guard phone.hasPrefix("+") else { return phone }
        return String(phone.filter { !" -().\u{00A0}".contains($0) })
    }
}
