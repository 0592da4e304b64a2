import Foundation
import WebhookIngest

/// Builds verifiable ``WebhookSource``s from configuration, resolving secrets from the environment.
enum SourceFactory {
    /// - Throws: ``ConfigurationError`` when an enabled source lacks a required secret.
    static func make(_ settings: [SourceSettings], secrets: SecretResolver) throws -> [WebhookSource] {
        try settings.filter(\.enabled).map { source in
            var resolved: [WebhookSecret] = []
            for (index, reference) in source.secrets.enumerated() {
                let value = try secrets.resolve(reference)
                guard let value else {
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
    }

    static func scheme(_ source: SourceSettings) -> SignatureScheme {
        switch source.scheme {
        case "standard-webhooks": .standardWebhooks(tolerance: source.toleranceSeconds)
        case "hmac": .hmac(header: source.header ?? "", prefix: source.prefix, encoding: source.encoding == "base64" ? .base64 : .hex)
        case "paddle": .paddle(tolerance: source.toleranceSeconds)
        default: .stripe(tolerance: source.toleranceSeconds)
        }
    }
}

extension RelayApp {
    /// Resolves every secret the configuration needs, without opening anything.
    /// - Throws: ``ConfigurationError`` naming the first missing secret's variable.
    public static func checkSecrets(_ configuration: RelayConfiguration, secrets: SecretResolver) throws {
        _ = try SourceFactory.make(configuration.sources, secrets: secrets)
        for name in ["sendgrid", "postmark", "twilio"] {
            guard let provider = configuration.providers.settings(named: name), provider.enabled else { continue }
            _ = try secrets.require(provider.credential, for: "providers.\(name).credential")
        }
        if configuration.reconciliation.enabled {
            _ = try secrets.require(configuration.reconciliation.secretKey, for: "reconciliation.secretKey")
        }
    }
}
