import Foundation
import InvoiceDomain
import RelayServer
import Testing

/// The configuration file is decoded once into typed values: closed sets become enums, URLs and time zones are
/// checked, relative paths are resolved against the file's folder, and every problem names its key path.
@Suite struct ConfigurationTests {
    /// A folder holding a `templates/` folder, for configurations with reminders on.
    static func folderWithTemplates() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relay-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
        return folder
    }

    static func decode(_ json: String, in folder: URL? = nil) throws -> RelayConfiguration {
        try ConfigurationLoader.decode(Data(json.utf8), origin: "test.json", relativeTo: folder)
    }

    static func problem(_ json: String) -> String? {
        do {
            _ = try decode(json, in: try folderWithTemplates())
            return nil
        } catch let error as ConfigurationError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    @Test func namesAreDecodedIntoTheirTypes() throws {
        let folder = try Self.folderWithTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try Self.decode(#"""
            {
              "logging": { "level": "debug", "format": "logfmt" },
              "business": { "timeZone": "Europe/Berlin" },
              "database": { "synchronous": "normal" },
              "sources": [ { "name": "hub", "scheme": "standard-webhooks", "secrets": [ { "env": "X" } ] },
                           { "name": "gh", "scheme": "hmac", "header": "X-Hub-Signature-256", "encoding": "base64", "secrets": [ { "env": "Y" } ] } ],
              "reminders": {
                "channels": { "email": { "primary": "postmark", "fallback": "sendgrid" }, "sms": { "primary": "twilio" } },
                "steps": [ { "name": "due", "offsetDays": 0, "channels": ["sms", "email"], "template": "due_today" } ],
                "quietHours": { "defaultTimeZone": "America/Chicago" }
              },
              "reconciliation": { "baseURL": "http://127.0.0.1:9999" },
              "alerts": { "webhookURL": "https://hooks.example.com/x" }
            }
            """#, in: folder)
        #expect(config.logging.level == .debug)
        #expect(config.logging.format == .logfmt)
        #expect(config.business.timeZone.identifier == "Europe/Berlin")
        #expect(config.database.synchronous == .normal)
        #expect(config.sources.map(\.scheme) == [.standardWebhooks, .hmac])
        #expect(config.sources[1].encoding == .base64)
        #expect(config.reminders.channels.email.providers == [.postmark, .sendgrid])
        #expect(config.reminders.channels.sms.providers == [.twilio])
        #expect(config.reminders.steps.first?.channels == [.sms, .email])
        #expect(config.reminders.steps.first?.template == .dueToday)
        #expect(config.reminders.quietHours.defaultTimeZone?.identifier == "America/Chicago")
        #expect(config.reconciliation.baseURL.absoluteString == "http://127.0.0.1:9999")
        #expect(config.alerts.webhookURL?.host == "hooks.example.com")
    }

    @Test(arguments: [
        (#"{"sources": [{"name": "s", "scheme": "stripee", "secrets": [{"env": "X"}]}]}"#, "sources[0].scheme: 'stripee' is not one of stripe, standard-webhooks, hmac, paddle"),
        (#"{"reminders": {"channels": {"email": {"primary": "mailgun"}}}}"#, "reminders.channels.email.primary: 'mailgun' is not one of sendgrid, postmark, twilio"),
        (#"{"reminders": {"channels": {"email": {"primary": "twilio"}}}}"#, "reminders.channels.email: 'twilio' is not an email provider"),
        (#"{"reminders": {"steps": [{"name": "a", "offsetDays": 1, "channels": ["fax"], "template": "overdue"}]}}"#, "reminders.steps[0].channels[0]: 'fax' is not one of email, sms"),
        (#"{"reminders": {"steps": [{"name": "a", "offsetDays": 1, "channels": ["email"], "template": "late"}]}}"#, "reminders.steps[0].template: 'late' is not one of before_due, due_today, overdue, final_notice"),
        (#"{"logging": {"level": "loud"}}"#, "logging.level: 'loud' is not one of trace, debug, info, notice, warning, error, critical"),
        (#"{"logging": {"format": "xml"}}"#, "logging.format: 'xml' is not one of json, logfmt"),
        (#"{"database": {"synchronous": "off"}}"#, "database.synchronous: 'off' is not one of full, normal"),
        (#"{"business": {"timeZone": "Mars/Olympus"}}"#, "business.timeZone: unknown time zone 'Mars/Olympus'"),
        (#"{"reconciliation": {"baseURL": "ftp://stripe"}}"#, "reconciliation.baseURL: 'ftp://stripe' is not an http(s) URL"),
        (#"{"providers": {"sendgrid": {"baseURL": "not a url", "credential": {"env": "K"}, "fromEmail": "a@b.c"}}}"#, "providers.sendgrid.baseURL: 'not a url' is not an http(s) URL"),
        (#"{"reminders": {"leaseSeconds": 10}}"#, "reminders.leaseSeconds: must exceed the connect and request timeouts plus 5 s (25.0)"),
    ])
    func aWrongValueIsReportedAtItsPath(json: String, message: String) {
        let problem = Self.problem(json)
        #expect(problem?.contains(message) == true, "\(problem ?? "no problem")")
    }

    @Test func everyProblemIsReportedTogether() {
        let problem = Self.problem(#"{"server": {"port": 70000}, "ingest": {"maxBatchSize": 0}, "delivery": {"maxAttempts": 0}}"#) ?? ""
        #expect(problem.contains("server.port"))
        #expect(problem.contains("ingest.maxBatchSize"))
        #expect(problem.contains("delivery.maxAttempts"))
    }

    @Test func relativePathsAreResolvedAgainstTheConfigurationFolder() throws {
        let folder = try Self.folderWithTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("relay.json")
        try Data(#"{"database": {"path": "data/relay.sqlite"}, "reminders": {"templatesDirectory": "templates"}}"#.utf8).write(to: file)
        let config = try ConfigurationLoader.load(path: file.path)
        #expect(config.database.path == folder.appendingPathComponent("data/relay.sqlite").standardizedFileURL.path)
        #expect(config.reminders.templatesDirectory == folder.appendingPathComponent("templates").standardizedFileURL.path)

        let absolute = try Self.decode(#"{"database": {"path": "/var/lib/relay.sqlite"}, "reminders": {"enabled": false}}"#, in: folder)
        #expect(absolute.database.path == "/var/lib/relay.sqlite")
    }

    @Test func aMissingTemplatesFolderIsAConfigurationProblemOnlyWhenRemindersNeedIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relay-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = "reminders.templatesDirectory: folder \(folder.appendingPathComponent("templates").standardizedFileURL.path) does not exist"
        #expect(throws: ConfigurationError("test.json: " + expected)) { try Self.decode("{}", in: folder) }
        let off = try Self.decode(#"{"reminders": {"enabled": false}}"#, in: folder)
        #expect(off.reminders.enabled == false)
    }

    @Test func theSampleConfigurationLoadsFromAnyWorkingDirectory() throws {
        let sample = Self.repositoryRoot.appendingPathComponent("config/invoice-relay.json")
        let config = try ConfigurationLoader.load(path: sample.path)
        #expect(config.reminders.templatesDirectory == Self.repositoryRoot.appendingPathComponent("templates").standardizedFileURL.path)
        #expect(config.database.path == Self.repositoryRoot.appendingPathComponent("data/invoice-relay.sqlite").standardizedFileURL.path)
    }

    @Test func everyMetricTheAlertRulesReadIsEmitted() throws {
        let rules = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("config/prometheus-alerts.yml"), encoding: .utf8)
        let used = Set(rules.matches(of: /invoice_relay_[a-z_]+/).map { String($0.output) })
        #expect(!used.isEmpty)
        let known = Set(MetricName.allCases.map(\.rawValue))
        for name in used {
            let base = ["_bucket", "_count", "_sum"].reduce(name) { $0.hasSuffix($1) ? String($0.dropLast($1.count)) : $0 }
            #expect(known.contains(base), "\(name) is not a MetricName")
        }
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
