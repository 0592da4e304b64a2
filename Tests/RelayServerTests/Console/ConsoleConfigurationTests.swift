import Foundation
@testable import RelayServer
import Testing

extension ConsoleTests {
    /// The `console` section and `server.publicURL`: defaults, strict keys, checked values.
    @Suite struct ConfigurationTests {
        @Test func defaults() throws {
            let config = try ConfigurationLoader.decode(Data(#"{"reminders":{"enabled":false}}"#.utf8))
            #expect(config.console.enabled)
            #expect(config.console.path == "/console")
            #expect(config.console.sessionIdleMinutes == 30)
            #expect(config.console.sessionAbsoluteHours == 12)
            #expect(config.server.publicURL == nil)
            #expect(ConsoleWiring.options(config).secureCookie == false)
        }

        @Test func valuesAreRead() throws {
            let json = #"{"reminders":{"enabled":false},"server":{"publicURL":"https://relay.example.com"},"console":{"enabled":false,"path":"/admin-ui","sessionIdleMinutes":5,"sessionAbsoluteHours":1}}"#
            let config = try ConfigurationLoader.decode(Data(json.utf8))
            #expect(!config.console.enabled)
            #expect(config.console.path == "/admin-ui")
            let options = ConsoleWiring.options(config)
            #expect(options.idleTimeout == 300)
            #expect(options.absoluteTimeout == 3600)
            #expect(options.secureCookie)
        }

        @Test(arguments: [
            (#"{"console":{"pathh":"/x"}}"#, "pathh"),
            (#"{"console":{"path":"console"}}"#, "console.path"),
            (#"{"console":{"path":"/v1/console"}}"#, "collides"),
            (#"{"console":{"path":"/console/"}}"#, "console.path"),
            (#"{"console":{"sessionIdleMinutes":0}}"#, "sessionIdleMinutes"),
            (#"{"console":{"sessionIdleMinutes":120,"sessionAbsoluteHours":1}}"#, "must not exceed"),
            (#"{"server":{"publicURL":"ftp://x"}}"#, "publicURL"),
        ])
        func badValuesAreReportedWithTheirKey(json: String, expected: String) throws {
            #expect {
                try ConfigurationLoader.decode(Data(json.utf8))
            } throws: { error in
                "\(error)".contains(expected)
            }
        }
    }
}
