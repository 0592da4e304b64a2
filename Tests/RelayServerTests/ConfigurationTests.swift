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
        (#"{"reminders": {"steps": [{"name": "a", "offsetDays": 1, "channels": ["email"], "template": "late"}]}}"#, "reminders.steps[0].template: 'late' is not one of before_due, due_today, overdue, final_notice, payment_failed, action_required, payment_received"),
        (#"{"reminders": {"steps": [{"name": "a", "offset": "2 days", "channels": ["email"], "template": "overdue"}]}}"#, "reminders.steps[0].offset: '2 days' is not a duration like -3d, +2h, -90m, +30s or PT2H"),
        (#"{"reminders": {"steps": [{"name": "a", "offset": "+2h", "offsetDays": 1, "channels": ["email"], "template": "overdue"}]}}"#, "reminders.steps[0].offset: give offsetDays or offset, not both"),
        (#"{"reminders": {"steps": [{"name": "a", "channels": ["email"], "template": "overdue"}]}}"#, "reminders.steps[0]: missing required key 'offsetDays'"),
        (#"{"reminders": {"steps": [{"name": "a", "offsetDays": 1, "channels": ["email"], "template": "overdue", "onDayOff": "later"}]}}"#, "reminders.steps[0].onDayOff: 'later' is not one of next, previous"),
        (#"{"reminders": {"steps": [{"name": "payment-failed-1", "offsetDays": 1, "channels": ["email"], "template": "overdue"}]}}"#, "reminders.steps[0].name: 'payment-failed-1' is reserved for payment-event messages"),
        (#"{"reminders": {"receipt": "sometimes"}}"#, "reminders.receipt: 'sometimes' is not one of never, afterReminder, always"),
        (#"{"reminders": {"receiptChannels": ["fax"]}}"#, "reminders.receiptChannels[0]: 'fax' is not one of email, sms"),
        (#"{"reminders": {"businessDays": {"weekdays": ["mon", "fri", "funday"]}}}"#, "reminders.businessDays.weekdays[2]: 'funday' is not one of mon, tue, wed, thu, fri, sat, sun"),
        (#"{"reminders": {"businessDays": {"holidays": ["2026-12-25", "2026-02-30"]}}}"#, "reminders.businessDays.holidays[1]: '2026-02-30' is not a date YYYY-MM-DD"),
        (#"{"reminders": {"businessDays": {"holidayCalendar": "nowhere"}}}"#, "reminders.businessDays.holidayCalendar: cannot read"),
        (#"{"reminders": {"businessDays": {"holidayCalendar": "../etc"}}}"#, "reminders.businessDays.holidayCalendar: '../etc' must be letters, digits, '-' or '_'"),
        (#"{"reminders": {"emailWindow": {"start": "08:00"}}}"#, "reminders.emailWindow: missing required key 'end'"),
        (#"{"reminders": {"emailWindow": {"start": "08:00", "end": "08:00"}}}"#, "reminders.emailWindow: start and end must differ"),
        (#"{"reminders": {"policies": {"gentle": {"steps": [{"name": "a", "offsetDays": 1, "channels": [], "template": "overdue"}]}}}}"#, "reminders.policies.gentle.steps[0].channels: use 'email' and/or 'sms'"),
        (#"{"reminders": {"policies": {"default": {"steps": []}}}}"#, "reminders.policies.default: the default policy is reminders.steps"),
        (#"{"reminders": {"policies": {"gentle": {"stepz": []}}}}"#, "reminders.policies.gentle.stepz: unknown key 'stepz'"),
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

    @Test func dunningSettingsAreDecoded() throws {
        let folder = try Self.folderWithTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("holidays"), withIntermediateDirectories: true)
        try Data(#"["2027-01-01"]"#.utf8).write(to: folder.appendingPathComponent("holidays/test.json"))
        let config = try Self.decode(#"""
            {
              "business": { "arEmail": "ar@acme.test" },
              "reminders": {
                "receipt": "afterReminder",
                "paymentFailedChannels": ["email"],
                "businessDays": { "enabled": true, "weekdays": ["mon", "tue"], "holidays": ["2026-12-25"], "holidayCalendar": "test" },
                "emailWindow": { "start": "08:00", "end": "18:00" },
                "steps": [
                  { "name": "soon", "offset": "-90m", "channels": ["email"], "template": "before_due", "onDayOff": "previous" },
                  { "name": "late", "offset": "PT2H", "channels": ["email"], "template": "overdue", "copyEscalationEmail": true, "copyAccountsReceivable": true }
                ],
                "policies": { "gentle": { "steps": [ { "name": "overdue-10d", "offsetDays": 10, "channels": ["email"], "template": "overdue" } ] } }
              }
            }
            """#, in: folder)
        let reminders = config.reminders
        #expect(reminders.receipt == .afterReminder)
        #expect(reminders.paymentFailedChannels == [.email])
        #expect(reminders.actionRequiredChannels == [.email, .sms])
        #expect(reminders.steps.map(\.offset) == [.exact(seconds: -5_400), .exact(seconds: 7_200)])
        #expect(reminders.steps.map(\.onDayOff) == [.previous, .next])
        #expect(reminders.steps[1].step.copyEscalationEmail && reminders.steps[1].step.copyAccountsReceivable)
        #expect(reminders.policies["gentle"]?.steps.map(\.offsetDays) == [10])
        #expect(reminders.emailWindow == TimeWindowSettings(start: TimeOfDay(hour: 8, minute: 0), end: TimeOfDay(hour: 18, minute: 0)))
        #expect(config.business.arEmail == "ar@acme.test")
        let days = reminders.businessDays.businessDays(calendarHolidays: config.holidayCalendarDates)
        #expect(days.weekdays == [2, 3])
        #expect(days.holidays == [CivilDate(year: 2026, month: 12, day: 25), CivilDate(year: 2027, month: 1, day: 1)])
        #expect(ReminderSettings().businessDays.businessDays(calendarHolidays: []) == .everyDay)
        #expect(ReminderSettings().receipt == .never)
    }

    @Test func theShippedHolidayCalendarLoads() throws {
        let folder = Self.repositoryRoot.appendingPathComponent("config")
        let config = try Self.decode(#"{"reminders": {"enabled": false, "businessDays": {"enabled": true, "holidayCalendar": "de"}}}"#, in: folder)
        #expect(config.holidayCalendarDates.contains(CivilDate(year: 2026, month: 12, day: 25)))
        #expect(config.holidayCalendarDates.count == 18)
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
