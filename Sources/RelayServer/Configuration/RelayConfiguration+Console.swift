import Foundation

// MARK: - Web console

/// The browser admin console (see README "Console"): where it is served and how long its sessions live.
package struct ConsoleSettings: Sendable, Decodable {
    package var enabled = true
    /// URL path the console is served under; must start with `/` and must not end with one.
    package var path = "/console"
    /// A session unused this long is signed out.
    package var sessionIdleMinutes = 30.0
    /// A session ends this long after sign-in, however active.
    package var sessionAbsoluteHours = 12.0

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case enabled, path, sessionIdleMinutes, sessionAbsoluteHours }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, default: enabled)
        path = try c.value(.path, default: path)
        sessionIdleMinutes = try c.value(.sessionIdleMinutes, default: sessionIdleMinutes)
        sessionAbsoluteHours = try c.value(.sessionAbsoluteHours, default: sessionAbsoluteHours)
    }

    /// Problems `ConfigurationLoader` reports with the rest of the file's.
    func problems() -> [String] {
        var problems: [String] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let pathOK = path.hasPrefix("/") && path.count > 1 && !path.hasSuffix("/")
            && segments.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } }
        if !pathOK { problems.append("console.path: '\(path)' must look like /console (letters, digits, '-' or '_' segments, no trailing '/')") }
        if ["/v1", "/webhooks", "/healthz", "/readyz", "/metrics", "/openapi.json"].contains(where: { path == $0 || path.hasPrefix($0 + "/") }) {
            problems.append("console.path: '\(path)' collides with a route of the service")
        }
        if !(sessionIdleMinutes > 0) { problems.append("console.sessionIdleMinutes: must be positive") }
        if !(sessionAbsoluteHours > 0) { problems.append("console.sessionAbsoluteHours: must be positive") }
        if sessionIdleMinutes > sessionAbsoluteHours * 60 {
            problems.append("console.sessionIdleMinutes: must not exceed console.sessionAbsoluteHours")
        }
        return problems
    }
}
