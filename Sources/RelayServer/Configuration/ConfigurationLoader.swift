import Foundation

/// Reads, decodes and checks a configuration file. Every problem is reported with its key path.
public enum ConfigurationLoader {
    /// - Throws: ``ConfigurationError`` naming the file, the key path and what is wrong.
    public static func load(path: String) throws -> RelayConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(path): cannot read configuration file")
        }
        return try decode(data, origin: path)
    }

    public static func decode(_ data: Data, origin: String = "configuration") throws -> RelayConfiguration {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let configuration: RelayConfiguration
        do {
            configuration = try decoder.decode(RelayConfiguration.self, from: data)
        } catch let error as DecodingError {
            throw ConfigurationError("\(origin): \(describe(error))")
        } catch {
            throw ConfigurationError("\(origin): not valid JSON (\(error.localizedDescription))")
        }
        let problems = configuration.problems()
        guard problems.isEmpty else {
            throw ConfigurationError("\(origin): " + problems.joined(separator: "; "))
        }
        return configuration
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce("") { result, key in
                if let index = key.intValue { return result + "[\(index)]" }
                return result.isEmpty ? key.stringValue : result + "." + key.stringValue
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "\(parent.isEmpty ? "" : parent + ": ")missing required key '\(key.stringValue)'"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .dataCorrupted(let context):
            let where_ = path(context.codingPath)
            if where_.isEmpty { return "not valid JSON: \(context.debugDescription)" }
            return "\(where_): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

extension RelayConfiguration {
    static let schemes: Set<String> = ["stripe", "standard-webhooks", "hmac", "paddle"]
    static let templateFamilies: Set<String> = ["before_due", "due_today", "overdue", "final_notice"]
    static let logLevels: Set<String> = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Semantic checks beyond types. Empty when the configuration is usable.
    func problems() -> [String] {
        var problems: [String] = []
        func check(_ ok: Bool, _ message: @autoclosure () -> String) { if !ok { problems.append(message()) } }

        check((0...65535).contains(server.port), "server.port: must be 0...65535")
        check(server.maxBodyBytes > 0, "server.maxBodyBytes: must be positive")
        check(["full", "normal"].contains(database.synchronous), "database.synchronous: must be 'full' or 'normal'")
        check(!database.path.isEmpty, "database.path: must not be empty")
        check(database.checkpointIntervalMilliseconds >= 0, "database.checkpointIntervalMilliseconds: must be 0 (off) or more")
        check(database.walAutocheckpointPages >= 1, "database.walAutocheckpointPages: must be at least 1")
        check(Self.logLevels.contains(logging.level), "logging.level: must be one of \(Self.logLevels.sorted().joined(separator: ", "))")
        check(["json", "logfmt"].contains(logging.format), "logging.format: must be 'json' or 'logfmt'")
        check(TimeZone(identifier: business.timeZone) != nil, "business.timeZone: unknown time zone '\(business.timeZone)'")

        var names = Set<String>()
        for (index, source) in sources.enumerated() {
            let at = "sources[\(index)]"
            check(source.name.range(of: "^[a-z0-9][a-z0-9_-]*$", options: .regularExpression) != nil, "\(at).name: use lower-case letters, digits, - and _")
            check(names.insert(source.name).inserted, "\(at).name: duplicate source '\(source.name)'")
            check(Self.schemes.contains(source.scheme), "\(at).scheme: must be one of \(Self.schemes.sorted().joined(separator: ", "))")
            check(source.toleranceSeconds > 0, "\(at).toleranceSeconds: must be positive")
            check(!source.secrets.isEmpty, "\(at).secrets: at least one secret is required")
            check(["hex", "base64"].contains(source.encoding), "\(at).encoding: must be 'hex' or 'base64'")
            if source.scheme == "hmac" { check(source.header?.isEmpty == false, "\(at).header: required for the hmac scheme") }
        }

        check(ingest.maxBatchSize >= 1, "ingest.maxBatchSize: must be at least 1")
        check(ingest.maxBatchDelayMilliseconds >= 0, "ingest.maxBatchDelayMilliseconds: must not be negative")

        check(reminders.tickSeconds > 0, "reminders.tickSeconds: must be positive")
        check(reminders.planEverySeconds >= 0, "reminders.planEverySeconds: must not be negative")
        check(reminders.batchSize > 0, "reminders.batchSize: must be positive")
        check(reminders.concurrency > 0, "reminders.concurrency: must be positive")
        check(reminders.leaseSeconds > 0, "reminders.leaseSeconds: must be positive")
        if let zone = reminders.quietHours.defaultTimeZone {
            check(TimeZone(identifier: zone) != nil, "reminders.quietHours.defaultTimeZone: unknown time zone '\(zone)'")
        }
        var stepNames = Set<String>()
        for (index, step) in reminders.steps.enumerated() {
            let at = "reminders.steps[\(index)]"
            check(stepNames.insert(step.name).inserted, "\(at).name: duplicate step '\(step.name)'")
            check(!step.channels.isEmpty && step.channels.allSatisfy { $0 == "email" || $0 == "sms" }, "\(at).channels: use 'email' and/or 'sms'")
            check(Self.templateFamilies.contains(step.template), "\(at).template: must be one of \(Self.templateFamilies.sorted().joined(separator: ", "))")
        }
        for (channel, choice) in [("email", reminders.channels.email), ("sms", reminders.channels.sms)] {
            for name in [choice.primary] + (choice.fallback.map { [$0] } ?? []) {
                check(providerChannel(name) == channel, "reminders.channels.\(channel): '\(name)' is not a \(channel) provider")
            }
        }

        check(delivery.backoffBaseSeconds > 0 && delivery.backoffCapSeconds >= delivery.backoffBaseSeconds, "delivery: need 0 < backoffBaseSeconds <= backoffCapSeconds")
        check(delivery.maxAttempts >= 1, "delivery.maxAttempts: must be at least 1")
        check(delivery.connectTimeoutSeconds > 0 && delivery.requestTimeoutSeconds > 0, "delivery: timeouts must be positive")

        for name in ["sendgrid", "postmark", "twilio"] {
            guard let provider = providers.settings(named: name) else { continue }
            let at = "providers.\(name)"
            check(URL(string: provider.baseURL)?.scheme.map { $0 == "http" || $0 == "https" } == true, "\(at).baseURL: must be an http(s) URL")
            check(provider.ratePerSecond > 0 && provider.burst >= 1, "\(at): ratePerSecond must be positive and burst at least 1")
            check(provider.circuitFailureThreshold >= 1 && provider.circuitOpenSeconds > 0 && provider.circuitHalfOpenProbes >= 1, "\(at): circuit settings must be positive")
            if name == "twilio" {
                check(provider.accountSid?.isEmpty == false, "\(at).accountSid: required")
                check(provider.fromPhone != nil || provider.messagingServiceSid != nil, "\(at): set fromPhone or messagingServiceSid")
            } else {
                check(provider.fromEmail?.isEmpty == false, "\(at).fromEmail: required")
            }
        }

        if reconciliation.enabled {
            check(sources.contains { $0.name == reconciliation.source }, "reconciliation.source: no source named '\(reconciliation.source)'")
            check(URL(string: reconciliation.baseURL)?.scheme != nil, "reconciliation.baseURL: must be an http(s) URL")
            check(reconciliation.intervalSeconds > 0 && reconciliation.fastIntervalSeconds > 0, "reconciliation: intervals must be positive")
            check((1...100).contains(reconciliation.pageLimit), "reconciliation.pageLimit: must be 1...100")
            check(reconciliation.requestsPerSecond > 0, "reconciliation.requestsPerSecond: must be positive")
        }
        check(alerts.windowSeconds > 0 && alerts.evaluateEverySeconds > 0, "alerts: windowSeconds and evaluateEverySeconds must be positive")
        return problems
    }

    private func providerChannel(_ name: String) -> String? {
        switch name {
        case "sendgrid", "postmark": "email"
        case "twilio": "sms"
        default: nil
        }
    }
}
