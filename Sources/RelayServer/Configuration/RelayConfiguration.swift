package import Foundation
package import PostgresStore
package import InvoiceDomain
package import Logging
package import WebhookIngest

/// The whole service configuration, read from one JSON file (see `config/invoice-relay.json` and README).
///
/// Every section and key is optional and has a documented default; unknown keys are errors.
/// Secrets never appear here: only ``SecretReference``s naming environment variables.
package struct RelayConfiguration: Sendable, Decodable {
    package var server = ServerSettings()
    package var database = DatabaseSettings()
    package var logging = LoggingSettings()
    package var business = BusinessSettings()
    package var sources: [SourceSettings] = []
    package var ingest = IngestSettings()
    package var reminders = ReminderSettings()
    /// The dates of the holiday file named by `reminders.businessDays.holidayCalendar`, read by the loader.
    package var holidayCalendarDates: [CivilDate] = []
    package var delivery = DeliverySettings()
    package var providers = ProvidersSettings()
    package var reconciliation = ReconciliationSettings()
    package var alerts = AlertSettings()
    package var callbacks = CallbackSettings()
    package var console = ConsoleSettings()

    package init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case server, database, logging, business, sources, ingest, reminders, delivery, providers, reconciliation, alerts, callbacks, console
    }

    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        server = try c.value(.server, default: server)
        database = try c.value(.database, default: database)
        logging = try c.value(.logging, default: logging)
        business = try c.value(.business, default: business)
        sources = try c.value(.sources, default: sources)
        ingest = try c.value(.ingest, default: ingest)
        reminders = try c.value(.reminders, default: reminders)
        delivery = try c.value(.delivery, default: delivery)
        providers = try c.value(.providers, default: providers)
        reconciliation = try c.value(.reconciliation, default: reconciliation)
        alerts = try c.value(.alerts, default: alerts)
        callbacks = try c.value(.callbacks, default: callbacks)
        console = try c.value(.console, default: console)
    }
}

// MARK: - Server, database, logging, business

package struct ServerSettings: Sendable, Decodable {
    package var host = "127.0.0.1"
    package var port = 8080
    /// Largest accepted webhook or admin request body; larger → 413.
    package var maxBodyBytes = 1_048_576
    /// The address providers and users reach this service at (e.g. `https://relay.example.com`): Twilio's
    /// `StatusCallback` is built from it and its callbacks are verified against it (`nil`: no status callback is
    /// requested); when it is `https`, console cookies are `Secure`.
    package var publicURL: URL?

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case host, port, maxBodyBytes, publicURL }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        host = try c.value(.host, default: host)
        port = try c.value(.port, default: port)
        maxBodyBytes = try c.value(.maxBodyBytes, default: maxBodyBytes)
        publicURL = try c.httpURLIfPresent(.publicURL)
    }
}

package struct DatabaseSettings: Sendable, Decodable {
    /// Which backend stores everything: `sqlite` (one relay, one file) or `postgres` (several relays on one
    /// database). Omitted: `postgres` when `url` is set, `sqlite` otherwise.
    package var driver = DatabaseDriver.sqlite

    // MARK: SQLite

    /// SQLite file; a relative path is resolved against the configuration file's folder when the file is
    /// loaded (see ``RelayConfiguration/resolvingPaths(against:)``). Its folder is created.
    package var path = "data/invoice-relay.sqlite"
    /// `full` (fsync every commit, survives power loss) or `normal` (survives process crashes).
    package var synchronous = SynchronousMode.full
    package var busyTimeoutSeconds = 10.0
    /// Time between two background WAL checkpoints (its own connection, PASSIVE); 0 leaves all checkpoints to commits.
    package var checkpointIntervalMilliseconds = 100
    /// WAL size (pages) at which a commit checkpoints the log itself: the backstop behind the background checkpoints.
    package var walAutocheckpointPages = 4_000

    // MARK: PostgreSQL

    /// `postgres://user@host:5432/database`, parsed when the file is read; the password is not part of it.
    package var postgres: PostgresEndpoint?
    /// The password, from the environment or a file (`{"env": "INVOICE_RELAY_DATABASE_PASSWORD"}`); optional for
    /// servers that trust the connection.
    package var password: SecretReference?
    /// Most connections this relay opens (each relay has its own pool).
    package var poolSize = 10
    /// `disable` (loopback, private network) or `require` (TLS with host name verification).
    package var tls = PostgresEndpoint.TLSMode.require
    /// Singleton roles (reminder planning, reconciliation polling) are leased for this long and renewed every third
    /// of it: another relay takes over at most this long after the holder dies.
    package var leaseSeconds = 15.0

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable {
        case driver, path, synchronous, busyTimeoutSeconds, checkpointIntervalMilliseconds, walAutocheckpointPages
        case url, password, schema, poolSize, tls, leaseSeconds
    }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.value(.path, default: path)
        synchronous = try c.choice(.synchronous, default: synchronous)
        busyTimeoutSeconds = try c.value(.busyTimeoutSeconds, default: busyTimeoutSeconds)
        checkpointIntervalMilliseconds = try c.value(.checkpointIntervalMilliseconds, default: checkpointIntervalMilliseconds)
        walAutocheckpointPages = try c.value(.walAutocheckpointPages, default: walAutocheckpointPages)
        if let url = try c.decodeIfPresent(String.self, forKey: .url) {
            do {
                postgres = try PostgresEndpoint(url: url)
            } catch {
                throw DecodingError.dataCorruptedError(forKey: .url, in: c, debugDescription: "\(error)")
            }
            if postgres?.password != nil {
                throw DecodingError.dataCorruptedError(
                    forKey: .url, in: c, debugDescription: "keep the password out of the URL: set database.password to {\"env\": \"…\"}"
                )
            }
            postgres?.schema = try c.decodeIfPresent(String.self, forKey: .schema)
        } else if c.contains(.schema) {
            throw DecodingError.dataCorruptedError(forKey: .schema, in: c, debugDescription: "database.schema needs database.url")
        }
        driver = try c.choice(.driver, default: postgres == nil ? .sqlite : .postgres)
        switch driver {
        case .sqlite:
            if postgres != nil {
                throw DecodingError.dataCorruptedError(forKey: .url, in: c, debugDescription: "database.url is for driver \"postgres\", not \"sqlite\"")
            }
        case .postgres:
            if postgres == nil {
                throw DecodingError.dataCorruptedError(forKey: .driver, in: c, debugDescription: "driver \"postgres\" needs database.url (postgres://user@host:5432/database)")
            }
        }
        password = try c.decodeIfPresent(SecretReference.self, forKey: .password)
        poolSize = try c.value(.poolSize, default: poolSize)
        tls = try c.choice(.tls, default: tls)
        leaseSeconds = try c.value(.leaseSeconds, default: leaseSeconds)
    }
}

/// The storage backend.
package enum DatabaseDriver: String, Sendable, CaseIterable {
    /// One SQLite file (WAL): a single relay process.
    case sqlite
    /// A PostgreSQL database shared by any number of relays.
    case postgres
}

package struct LoggingSettings: Sendable, Decodable {
    /// trace, debug, info, notice, warning, error, critical
    package var level = Logger.Level.info
    /// `json` (one JSON object per line) or `logfmt`.
    package var format = LogFormat.json

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case level, format }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        level = try c.choice(.level, default: level)
        format = try c.choice(.format, default: format)
    }
}

package struct BusinessSettings: Sendable, Decodable {
    package var name = "Example Co."
    package var supportEmail: String?
    package var supportPhone: String?
    /// Accounts-receivable address copied on steps with `copyAccountsReceivable`.
    package var arEmail: String?
    /// IANA zone in which due dates are compared and reminder steps fall due.
    package var timeZone = TimeZone(identifier: "UTC")!
    /// Template locale used when a customer's locale has no template.
    package var defaultLocale = "en"

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case name, supportEmail, supportPhone, arEmail, timeZone, defaultLocale }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.value(.name, default: name)
        supportEmail = try c.decodeIfPresent(String.self, forKey: .supportEmail)
        supportPhone = try c.decodeIfPresent(String.self, forKey: .supportPhone)
        arEmail = try c.decodeIfPresent(String.self, forKey: .arEmail)
        timeZone = try c.contains(.timeZone) ? c.timeZone(.timeZone) : timeZone
        defaultLocale = try c.value(.defaultLocale, default: defaultLocale)
    }
}

// MARK: - Webhook sources

/// One webhook sender, served at `POST /webhooks/{name}`.
package struct SourceSettings: Sendable, Decodable {
    package var name: String
    package var enabled = true
    /// `stripe`, `standard-webhooks`, `hmac` or `paddle`.
    package var scheme: SourceScheme
    /// Allowed clock difference for timestamped schemes (replay protection).
    package var toleranceSeconds = 300.0
    /// `hmac` scheme only: the signature header (e.g. `X-Hub-Signature-256`), prefix (`sha256=`) and encoding (`hex`/`base64`).
    package var header: String?
    package var prefix: String?
    package var encoding = SignatureEncoding.hex
    /// One or more secrets; any active one verifies (rotation).
    package var secrets: [SecretReference]

    package init(name: String, scheme: SourceScheme, secrets: [SecretReference]) {
        self.name = name
        self.scheme = scheme
        self.secrets = secrets
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, enabled, scheme, toleranceSeconds, header, prefix, encoding, secrets }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        enabled = try c.value(.enabled, default: enabled)
        scheme = try c.choice(.scheme)
        toleranceSeconds = try c.value(.toleranceSeconds, default: toleranceSeconds)
        header = try c.decodeIfPresent(String.self, forKey: .header)
        prefix = try c.decodeIfPresent(String.self, forKey: .prefix)
        encoding = try c.choice(.encoding, default: encoding)
        secrets = try c.decode([SecretReference].self, forKey: .secrets)
    }
}

/// Group commit: concurrent webhook requests are written in one transaction.
package struct IngestSettings: Sendable, Decodable {
    package var maxBatchSize = 256
    /// How long the first event of a batch may wait for company; 0 = commit as soon as the writer is free.
    package var maxBatchDelayMilliseconds = 0

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case maxBatchSize, maxBatchDelayMilliseconds }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxBatchSize = try c.value(.maxBatchSize, default: maxBatchSize)
        maxBatchDelayMilliseconds = try c.value(.maxBatchDelayMilliseconds, default: maxBatchDelayMilliseconds)
    }
}

// MARK: - Closed sets

/// SQLite's durability level for commits.
package enum SynchronousMode: String, Sendable, CaseIterable {
    /// Every commit is fsynced: survives power loss.
    case full
    /// Survives a process crash; a power loss may lose the last commits.
    case normal
}

/// How log lines are written.
package enum LogFormat: String, Sendable, CaseIterable {
    case json
    case logfmt
}

/// How a webhook source signs its deliveries (README "Webhook sources").
package enum SourceScheme: String, Sendable, CaseIterable {
    case stripe
    case standardWebhooks = "standard-webhooks"
    case hmac
    case paddle
}

