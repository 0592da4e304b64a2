import InvoiceDomain
import InvoiceStore

/// Finds the current stored template for a reminder, with locale fallback.
///
/// Order: the customer's exact locale, its less specific forms (`de-AT` → `de`), then the business
/// default locale and its language, the same order ``TemplateDirectory/resolve(_:in:defaultLocale:)``
/// uses on the shipped files.
struct TemplateResolver: Sendable {
    let store: any TemplateStore
    let defaultLocale: String

    /// The ids tried for `channel`/`kind` and `locale`, most specific first, without duplicates.
    func candidates(channel: Channel, kind: String, locale: String) -> [TemplateID] {
        var locales: [String] = []
        for candidate in [locale, defaultLocale] {
            var subtags = TemplateDirectory.canonicalLocale(candidate).split(separator: "-").map(String.init)
            while !subtags.isEmpty {
                let tag = subtags.joined(separator: "-")
                if !locales.contains(tag) { locales.append(tag) }
                subtags.removeLast()
            }
        }
        return locales.map { TemplateID(channel: channel, kind: kind, locale: $0) }
    }

    /// The latest version of the best matching template, or `nil` when not even the default locale has one.
    func resolve(channel: Channel, kind: String, locale: String) async throws -> StoredTemplate? {
        for id in candidates(channel: channel, kind: kind, locale: locale) {
            if let template = try await store.latestTemplate(id: id.description) { return template }
        }
        return nil
    }
}
