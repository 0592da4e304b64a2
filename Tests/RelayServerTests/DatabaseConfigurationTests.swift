import Foundation
import PostgresStore
import RelayServer
import Testing

/// `database`: SQLite by default, PostgreSQL from a URL whose password comes from a secret reference.
@Suite struct DatabaseConfigurationTests {
    static func problem(_ json: String) -> String? {
        ConfigurationTests.problem(json)
    }

    @Test func aURLSelectsPostgresWithItsTypedSettings() throws {
        let config = try ConfigurationTests.decode(#"""
            { "database": { "url": "postgres://relay@db.internal:6543/relay_prod", "password": { "env": "RELAY_DB_PASSWORD" },
                            "schema": "relay", "poolSize": 20, "tls": "disable", "leaseSeconds": 30 } }
            """#)
        #expect(config.database.driver == .postgres)
        #expect(config.database.postgres == PostgresEndpoint(host: "db.internal", port: 6543, username: "relay", password: nil, database: "relay_prod", schema: "relay"))
        #expect(config.database.password == SecretReference(env: "RELAY_DB_PASSWORD"))
        #expect(config.database.poolSize == 20)
        #expect(config.database.tls == .disable)
        #expect(config.database.leaseSeconds == 30)
    }

    @Test func sqliteStaysTheDefault() throws {
        let config = try ConfigurationTests.decode("{}")
        #expect(config.database.driver == .sqlite)
        #expect(config.database.postgres == nil)
        #expect(config.database.tls == .require)
        #expect(config.database.leaseSeconds == 15)
    }

    @Test(arguments: [
        (#"{"database": {"driver": "postgres"}}"#, "needs database.url"),
        (#"{"database": {"driver": "sqlite", "url": "postgres://relay@h/db"}}"#, "not \"sqlite\""),
        (#"{"database": {"driver": "mysql"}}"#, "mysql"),
        (#"{"database": {"url": "postgres://relay:secret@h/db"}}"#, "keep the password out of the URL"),
        (#"{"database": {"url": "mysql://relay@h/db"}}"#, "not postgres://"),
        (#"{"database": {"url": "postgres://relay@h/db", "tls": "prefer"}}"#, "prefer"),
        (#"{"database": {"schema": "relay"}}"#, "needs database.url"),
        (#"{"database": {"url": "postgres://relay@h/db", "poolSize": 0}}"#, "database.poolSize"),
    ])
    func mistakesAreNamed(json: String, expected: String) {
        let problem = Self.problem(json)
        #expect(problem?.contains(expected) == true, "\(problem ?? "no problem")")
        #expect(problem?.contains("secret") != true || expected.contains("password"), "the password is never echoed")
    }

    @Test func theSamplePostgresConfigurationLoads() throws {
        let config = try ConfigurationLoader.load(path: RelayHarness.repositoryRoot.appendingPathComponent("config/invoice-relay.postgres.json").path)
        #expect(config.database.driver == .postgres)
        #expect(config.database.password != nil)
    }
}
