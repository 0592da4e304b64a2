package import Foundation
import InvoiceDomain

/// Reads, decodes and checks a configuration file, once: what comes out is typed and validated, and the
/// wiring consumes it as it is. Every problem is reported with its key path, all of them together.
package enum ConfigurationLoader {
    /// Loads `path`, resolving relative paths in it against the file's own folder (so the service behaves
    /// the same whatever its working directory, as under systemd or in a container).
    /// - Throws: ``ConfigurationError`` naming the file, the key path and what is wrong.
    package static func load(path: String) throws -> RelayConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(path): cannot read configuration file")
        }
        let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        return try decode(data, origin: path, relativeTo: folder)
    }

    /// Decodes and validates configuration text.
    /// - Parameter folder: Relative paths are resolved against this folder; the working directory when `nil`.
    package static func decode(_ data: Data, origin: String = "configuration", relativeTo folder: URL? = nil) throws -> RelayConfiguration {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var configuration: RelayConfiguration
        do {
            configuration = try decoder.decode(RelayConfiguration.self, from: data)
        } catch let error as DecodingError {
            throw ConfigurationError("\(origin): \(describe(error))")
        } catch {
            throw ConfigurationError("\(origin): not valid JSON (\(error.localizedDescription))")
        }
        let base = folder ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        configuration = configuration.resolvingPaths(against: base)
        if let name = configuration.reminders.businessDays.holidayCalendar {
            configuration.holidayCalendarDates = try holidayCalendar(named: name, in: base, origin: origin)
        }
        let problems = configuration.problems()
        guard problems.isEmpty else {
            throw ConfigurationError("\(origin): " + problems.joined(separator: "; "))
        }
        return configuration
    }

    /// The dates of `holidays/<name>.json` under `folder`: a JSON array of `YYYY-MM-DD` strings.
    /// - Throws: ``ConfigurationError`` at `reminders.businessDays.holidayCalendar` for a bad name, a missing file
    ///   or an entry that is not a date.
    static func holidayCalendar(named name: String, in folder: URL, origin: String) throws -> [CivilDate] {
        let at = "\(origin): reminders.businessDays.holidayCalendar"
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ConfigurationError("\(at): '\(name)' must be letters, digits, '-' or '_'")
        }
        let file = folder.appendingPathComponent("holidays").appendingPathComponent("\(name).json")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ConfigurationError("\(at): cannot read \(file.path)")
        }
        guard let texts = try? JSONDecoder().decode([String].self, from: data) else {
            throw ConfigurationError("\(at): \(file.path) must be a JSON array of YYYY-MM-DD strings")
        }
        return try texts.enumerated().map { index, text in
            guard let date = CivilDate(parsing: text) else {
                throw ConfigurationError("\(at): \(file.path)[\(index)]: '\(text)' is not a date YYYY-MM-DD")
            }
            return date
        }
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
    /// This configuration with its relative file paths (`database.path`, `reminders.templatesDirectory`) made
    /// absolute against `folder`. SQLite's `:memory:` is left alone.
    package func resolvingPaths(against folder: URL) -> RelayConfiguration {
        func resolve(_ path: String) -> String {
            guard path != ":memory:", !path.hasPrefix("/") else { return path }
            return folder.appendingPathComponent(path).standardizedFileURL.path
        }
        var resolved = self
        resolved.database.path = resolve(database.path)
        resolved.reminders.templatesDirectory = resolve(reminders.templatesDirectory)
        return resolved
    }

    /// Step names the payment-event messages use (`payment-failed-<n>`, `action-required`, `payment-received`).
    static func reservedStepNames(_ name: String) -> Bool {
        name.hasPrefix("payment-failed-") || name == ReminderPolicy.actionRequiredStepName || name == ReminderPolicy.paymentReceivedStepName
    }

    /// Checks that types cannot express (ranges, relations between keys, folders that must exist).
    /// Empty when the configuration is usable.
    package func problems() -> [String] {
        var problems: [String] = []
        func check(_ ok: Bool, _ message: @autoclosure () -> String) { if !ok { problems.append(message()) } }

        check((0...65535).contains(server.port), "server.port: must be 0...65535")
        check(server.maxBodyBytes > 0, "server.maxBodyBytes: must be positive")
        check(!database.path.isEmpty, "database.path: must not be empty")
        check(database.busyTimeoutSeconds >= 0, "database.busyTimeoutSeconds: must not be negative")
        check(database.checkpointIntervalMilliseconds >= 0, "database.checkpointIntervalMilliseconds: must be 0 (off) or more")
        check(database.walAutocheckpointPages >= 1, "database.walAutocheckpointPages: must be at least 1")
        check((1...1_000).contains(database.poolSize), "database.poolSize: must be between 1 and 1000")
        check(database.leaseSeconds >= 1, "database.leaseSeconds: must be at least 1")

        var names = Set<String>()
        for (index, source) in sources.enumerated() {
            let at = "sources[\(index)]"
            check(source.name.range(of: "^[a-z0-9][a-z0-9_-]*$", options: .regularExpression) != nil, "\(at).name: use lower-case letters, digits, - and _")
            check(names.insert(source.name).inserted, "\(at).name: duplicate source '\(source.name)'")
            check(source.toleranceSeconds > 0, "\(at).toleranceSeconds: must be positive")
            check(!source.secrets.isEmpty, "\(at).secrets: at least one secret is required")
            if source.scheme == .hmac { check(source.header?.isEmpty == false, "\(at).header: required for the hmac scheme") }
        }

        check(ingest.maxBatchSize >= 1, "ingest.maxBatchSize: must be at least 1")
        check(ingest.maxBatchDelayMilliseconds >= 0, "ingest.maxBatchDelayMilliseconds: must not be negative")

        check(reminders.tickSeconds > 0, "reminders.tickSeconds: must be positive")
        check(reminders.planEverySeconds >= 0, "reminders.planEverySeconds: must not be negative")
        check(reminders.batchSize > 0, "reminders.batchSize: must be positive")
        check(reminders.concurrency > 0, "reminders.concurrency: must be positive")
        check(reminders.leaseSeconds > 0, "reminders.leaseSeconds: must be positive")
        check(reminders.leaseSeconds > delivery.sendBudgetSeconds, "reminders.leaseSeconds: must exceed the connect and request timeouts plus 5 s (\(delivery.sendBudgetSeconds))")
        check(reminders.smsSegmentWarningLimit >= 1, "reminders.smsSegmentWarningLimit: must be at least 1")
        func checkSteps(_ steps: [ReminderStepSettings], at path: String) {
            var stepNames = Set<String>()
            for (index, step) in steps.enumerated() {
                let at = "\(path)[\(index)]"
                check(stepNames.insert(step.name).inserted, "\(at).name: duplicate step '\(step.name)'")
                check(!step.channels.isEmpty, "\(at).channels: use 'email' and/or 'sms'")
                check(!Self.reservedStepNames(step.name), "\(at).name: '\(step.name)' is reserved for payment-event messages")
            }
        }
        checkSteps(reminders.steps, at: "reminders.steps")
        for (name, policy) in reminders.policies.sorted(by: { $0.key < $1.key }) {
            check(name != "default", "reminders.policies.default: the default policy is reminders.steps")
            check(!name.isEmpty, "reminders.policies: a policy name must not be empty")
            checkSteps(policy.steps, at: "reminders.policies.\(name).steps")
        }
        if let window = reminders.emailWindow {
            check(window.start != window.end, "reminders.emailWindow: start and end must differ")
        }
        for (channel, choice) in [(Channel.email, reminders.channels.email), (.sms, reminders.channels.sms)] {
            for provider in choice.providers {
                check(provider.channel == channel, "reminders.channels.\(channel.rawValue): '\(provider.rawValue)' is not an \(channel.rawValue) provider")
            }
        }
        if reminders.enabled {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: reminders.templatesDirectory, isDirectory: &isFolder)
            check(exists && isFolder.boolValue, "reminders.templatesDirectory: folder \(reminders.templatesDirectory) does not exist")
        }

        check(delivery.backoffBaseSeconds > 0 && delivery.backoffCapSeconds >= delivery.backoffBaseSeconds, "delivery: need 0 < backoffBaseSeconds <= backoffCapSeconds")
        check(delivery.maxAttempts >= 1, "delivery.maxAttempts: must be at least 1")
        check(delivery.connectTimeoutSeconds > 0 && delivery.requestTimeoutSeconds > 0, "delivery: timeouts must be positive")

        for provider in MessagingProvider.allCases {
            guard let settings = providers.settings(for: provider) else { continue }
            let at = "providers.\(provider.rawValue)"
            check(settings.ratePerSecond > 0 && settings.burst >= 1, "\(at): ratePerSecond must be positive and burst at least 1")
            check(settings.circuitFailureThreshold >= 1 && settings.circuitOpenSeconds > 0 && settings.circuitHalfOpenProbes >= 1, "\(at): circuit settings must be positive")
            switch provider {
            case .twilio:
                check(settings.accountSid?.isEmpty == false, "\(at).accountSid: required")
                check(settings.fromPhone != nil || settings.messagingServiceSid != nil, "\(at): set fromPhone or messagingServiceSid")
            case .sendgrid, .postmark:
                check(settings.fromEmail?.isEmpty == false, "\(at).fromEmail: required")
            }
        }

        if reconciliation.enabled {
            check(sources.contains { $0.name == reconciliation.source }, "reconciliation.source: no source named '\(reconciliation.source)'")
        }
        check(!reconciliation.source.isEmpty, "reconciliation.source: must not be empty")
        check(!reconciliation.stripeVersion.isEmpty, "reconciliation.stripeVersion: must not be empty")
        check(reconciliation.intervalSeconds > 0 && reconciliation.fastIntervalSeconds > 0, "reconciliation: intervals must be positive")
        check((1...100).contains(reconciliation.pageLimit), "reconciliation.pageLimit: must be 1...100")
        check(reconciliation.requestsPerSecond > 0, "reconciliation.requestsPerSecond: must be positive")
        check(reconciliation.overlapSeconds >= 0, "reconciliation.overlapSeconds: must not be negative")
        check(reconciliation.webhookSilenceSeconds > 0, "reconciliation.webhookSilenceSeconds: must be positive")
        check(reconciliation.signatureFailureBurst > 0, "reconciliation.signatureFailureBurst: must be positive")
        check(reconciliation.eventRetentionDays > 0, "reconciliation.eventRetentionDays: must be positive")
        check(reconciliation.timeoutSeconds > 0, "reconciliation.timeoutSeconds: must be positive")
        check(reconciliation.maxRetries >= 0, "reconciliation.maxRetries: must not be negative")
        check(alerts.windowSeconds > 0 && alerts.evaluateEverySeconds > 0, "alerts: windowSeconds and evaluateEverySeconds must be positive")
        check(callbacks.toleranceSeconds > 0, "callbacks.toleranceSeconds: must be positive")
        check((callbacks.postmarkUsername == nil) == (callbacks.postmarkPassword == nil), "callbacks: set both postmarkUsername and postmarkPassword, or neither")
        if let key = callbacks.sendgridPublicKey {
            check(Data(base64Encoded: key.trimmingCharacters(in: .whitespacesAndNewlines)) != nil, "callbacks.sendgridPublicKey: must be the base64 key from SendGrid's settings")
        }
        problems += console.problems()
        return problems
    }
}
