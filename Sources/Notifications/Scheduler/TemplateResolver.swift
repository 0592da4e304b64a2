import InvoiceDomain
import StoreSeams
import Synchronization

/// Finds the current stored template for a reminder, with locale fallback.
///
/// Order: the customer's exact locale, its less specific forms (`de-AT` → `de`), then the business
/// default locale and its language, the same order ``TemplateDirectory/resolve(_:in:defaultLocale:)``
/// uses on the shipped files.
struct TemplateResolver: Sendable {
    let store: any TemplateSource
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

/// The templates one scheduler tick uses: each is read from the store once per tick (concurrent lookups of
/// the same template share one read), so an edit applies from the next tick on.
final class TickTemplates: Sendable {
    private let resolver: TemplateResolver
    private let lookups = Mutex<[String: Task<StoredTemplate?, any Error>]>([:])

    init(_ resolver: TemplateResolver) {
        self.resolver = resolver
    }

    /// ``TemplateResolver/resolve(channel:kind:locale:)``, once per tick. A failed read is not kept: the next
    /// delivery that needs the template tries again.
    func resolve(channel: Channel, kind: String, locale: String) async throws -> StoredTemplate? {
        let key = "\(channel.rawValue)/\(kind)/\(locale)"
        let resolver = resolver
        let lookup = lookups.withLock { lookups in
            if let running = lookups[key] { return running }
            let started = Task { try await resolver.resolve(channel: channel, kind: kind, locale: locale) }
            lookups[key] = started
            return started
        }
        do {
            return try await lookup.value
        } catch {
            lookups.withLock { lookups in _ = lookups.removeValue(forKey: key) }
            throw error
        }
    }
}
