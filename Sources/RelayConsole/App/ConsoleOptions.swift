package import Foundation

/// How the console is served: its path, its sessions' lifetimes and its cookie, decided by the server's
/// configuration (`console` section and `server.publicURL`).
package struct ConsoleOptions: Sendable {
    /// URL path the console lives under, e.g. `/console` (no trailing slash).
    package var path: String
    /// A session unused this long ends.
    package var idleTimeout: TimeInterval
    /// A session ends this long after sign-in, however active.
    package var absoluteTimeout: TimeInterval
    /// Mark the session cookie `Secure` (the service is reached over https).
    package var secureCookie: Bool
    /// Failed sign-ins accepted per minute, across all clients, before sign-in answers 429.
    package var signInFailuresPerMinute: Int
    /// Largest form body accepted (template edits included).
    package var maxBodyBytes: Int

    package init(
        path: String = "/console", idleTimeout: TimeInterval = 30 * 60, absoluteTimeout: TimeInterval = 12 * 3600,
        secureCookie: Bool = false, signInFailuresPerMinute: Int = 10, maxBodyBytes: Int = 1_048_576
    ) {
        self.path = path
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.secureCookie = secureCookie
        self.signInFailuresPerMinute = signInFailuresPerMinute
        self.maxBodyBytes = maxBodyBytes
    }
}
