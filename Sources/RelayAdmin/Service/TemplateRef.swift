package import InvoiceDomain

/// A template's identity, `channel/kind/locale` (e.g. `email/overdue/de-AT`), checked against what the
/// scheduler can use: a known channel, a configured template family and a canonical locale tag.
package struct TemplateRef: Sendable, Hashable, CustomStringConvertible {
    package var channel: Channel
    package var kind: String
    package var locale: String

    package var description: String { "\(channel.rawValue)/\(kind)/\(locale)" }

    /// - Throws: ``AdminError`` (bad request) naming what is wrong.
    package init(channel: String, kind: String, locale: String) throws {
        guard let parsed = Channel(rawValue: channel) else {
            throw AdminError.badRequest("invalid_template_id", "unknown channel '\(channel)': use email or sms")
        }
        guard ReminderKind(rawValue: kind) != nil else {
            let kinds = ReminderKind.allCases.map(\.rawValue).sorted().joined(separator: ", ")
            throw AdminError.badRequest("invalid_template_id", "unknown template kind '\(kind)': use one of \(kinds)")
        }
        guard Self.isCanonicalLocale(locale) else {
            throw AdminError.badRequest("invalid_template_id", "'\(locale)' is not a canonical locale tag (e.g. en, de, de-AT, zh-Hant-TW)")
        }
        self.channel = parsed
        self.kind = kind
        self.locale = locale
    }

    /// Parses `channel/kind/locale`.
    package init(_ id: String) throws {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw AdminError.badRequest("invalid_template_id", "template id '\(id)' must look like channel/kind/locale, e.g. email/overdue/en")
        }
        try self.init(channel: parts[0], kind: parts[1], locale: parts[2])
    }

    /// `en`, `de-AT`, `zh-Hant-TW`: language in lower case, optional title-case script, optional upper-case region.
    static func isCanonicalLocale(_ locale: String) -> Bool {
        let subtags = locale.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = subtags.first, (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        var rest = subtags.dropFirst()
        if let script = rest.first, script.count == 4 {
            guard script.first?.isUppercase == true, script.dropFirst().allSatisfy({ $0.isASCII && $0.isLowercase }), script.first?.isASCII == true else { return false }
            rest = rest.dropFirst()
        }
        if let region = rest.first {
            let isAlpha = region.count == 2 && region.allSatisfy { $0.isASCII && $0.isUppercase }
            let isNumeric = region.count == 3 && region.allSatisfy { $0.isASCII && $0.isNumber }
            guard isAlpha || isNumeric else { return false }
            rest = rest.dropFirst()
        }
        return rest.isEmpty
    }
}
