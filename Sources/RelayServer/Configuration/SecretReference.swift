package import Foundation

/// Where a secret lives. Configuration names an environment variable, never the secret itself:
/// the value is read from `$NAME`, or from the file whose path is in `$NAME_FILE`.
package struct SecretReference: Sendable, Equatable, Decodable {
    /// Environment variable name, e.g. `STRIPE_WEBHOOK_SECRET`.
    package var env: String
    /// After this instant the secret no longer verifies anything (rotation).
    package var expiresAt: Date?
    /// An optional secret may be absent (e.g. the previous secret once rotation is over).
    package var optional: Bool

    package init(env: String, expiresAt: Date? = nil, optional: Bool = false) {
        self.env = env
        self.expiresAt = expiresAt
        self.optional = optional
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case env, expiresAt, optional }

    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        env = try c.decode(String.self, forKey: .env)
        expiresAt = try c.decodeIfPresent(Date.self, forKey: .expiresAt)
        optional = try c.value(.optional, default: false)
    }
}

/// Resolves ``SecretReference``s from an environment (injected so tests need no real env).
package struct SecretResolver: Sendable {
    package let environment: [String: String]

    package init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// - Returns: the secret, or `nil` when neither `$NAME` nor `$NAME_FILE` is set.
    /// - Throws: ``ConfigurationError`` when `$NAME_FILE` names an unreadable or empty file.
    package func resolve(_ reference: SecretReference) throws -> String? {
        if let value = environment[reference.env], !value.isEmpty { return value }
        guard let path = environment[reference.env + "_FILE"], !path.isEmpty else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(reference.env)_FILE: cannot read file \(path)")
        }
        let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw ConfigurationError("\(reference.env)_FILE: file \(path) is empty") }
        return value
    }

    /// Like ``resolve(_:)`` but a missing required secret is an error naming the variable (never a value).
    package func require(_ reference: SecretReference, for what: String) throws -> String {
        guard let value = try resolve(reference) else {
            throw ConfigurationError("\(what): secret missing: set \(reference.env) or \(reference.env)_FILE")
        }
        return value
    }
}

/// A configuration problem; startup stops with this message and a non-zero exit.
package struct ConfigurationError: Error, Sendable, CustomStringConvertible, Equatable {
    package let description: String
    package init(_ description: String) { self.description = description }
}
