import Foundation
import InvoiceDomain
import WebhookIngest

/// Builds verifiable ``WebhookSource``s from configuration, resolving secrets from the environment.
enum SourceFactory {
    /// - Parameter skippingUnset: leave out a source none of whose secrets is set, instead of failing (operator
    ///   commands that receive no webhooks).
    /// - Throws: ``ConfigurationError`` when an enabled source lacks a required secret.
    static func make(_ settings: [SourceSettings], secrets: SecretResolver, skippingUnset: Bool = false) throws -> [WebhookSource] {
        try settings.filter(\.enabled).compactMap { source in
            do {
                return try make(source, secrets: secrets)
            } catch where skippingUnset {
                return nil
            }
        }
    }

    static func make(_ source: SourceSettings, secrets: SecretResolver) throws -> WebhookSource {
        var resolved: [WebhookSecret] = []
        for (index, reference) in source.secrets.enumerated() {
            guard let value = try secrets.resolve(reference) else {
                if reference.optional { continue }
                throw ConfigurationError("sources[\(source.name)].secrets[\(index)]: secret missing: set \(reference.env) or \(reference.env)_FILE")
            }
            resolved.append(WebhookSecret(value, expiresAt: reference.expiresAt))
        }
        guard !resolved.isEmpty else {
            throw ConfigurationError("sources[\(source.name)]: no secret is available (set one of \(source.secrets.map(\.env).joined(separator: ", ")))")
        }
        return WebhookSource(name: source.name, scheme: scheme(source), secrets: resolved)
    }

    static func scheme(_ source: SourceSettings) -> SignatureScheme {
        switch source.scheme {
        case .stripe: .stripe(tolerance: source.toleranceSeconds)
        case .standardWebhooks: .standardWebhooks(tolerance: source.toleranceSeconds)
        case .paddle: .paddle(tolerance: source.toleranceSeconds)
        case .hmac: .hmac(header: source.header ?? "", prefix: source.prefix, encoding: source.encoding)
        }
    }
}


extension RelayApp {
    /// Resolves every secret the configuration needs, without opening anything (`check-config`).
    /// - Throws: ``ConfigurationError`` naming the first missing secret's variable.
    package static func checkSecrets(_ configuration: RelayConfiguration, secrets: SecretResolver) throws {
        _ = try SourceFactory.make(configuration.sources, secrets: secrets)
        if configuration.reminders.enabled {
            for provider in MessagingProvider.allCases {
                guard let settings = configuration.providers.settings(for: provider), settings.enabled else { continue }
                _ = try secrets.require(settings.credential, for: "providers.\(provider.rawValue).credential")
            }
        }
        if configuration.reconciliation.enabled {
            _ = try secrets.require(configuration.reconciliation.secretKey, for: "reconciliation.secretKey")
        }
    }
}
