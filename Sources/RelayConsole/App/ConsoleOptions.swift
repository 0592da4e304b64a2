import Foundation

/// How the console is served: its path, its sessions' lifetimes and its cookie, decided by the server's
/// configuration (`console` section and `server.publicURL`).
public struct ConsoleOptions: Sendable {
    /// URL path the console lives under, e.g. `/console` (no trailing slash).
    public var path: String
    /// A session unused this long ends.
    public var idleTimeout: TimeInterval
    /// A session ends this long after sign-in, however active.
    public var absoluteTimeout: TimeInterval
    /// Mark the session cookie `Secure` (the service is reached over https).
    public var secureCookie: Bool
    /// Failed sign-ins accepted per minute, across all clients, before sign-in answers 429.
    public var signInFailuresPerMinute: Int
    /// Largest form body accepted (template edits included).
    public var maxBodyBytes: Int

    public init(
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
