import Foundation
import Hummingbird
import RelayAdmin

/// Sign-in with an API token, and sign-out. Both are audited through ``AdminService`` under the token's name.
/// Failed sign-ins are throttled (``SignInThrottle``) and logged without the token.
enum SignInPages {
    static func register(_ routes: ConsoleRoutes) {
        let console = routes.console
        let renderer = console.renderer

        routes.open(.get, "sign-in") { request, _ in
            if try await ConsoleRoutes.currentUser(request, console) != nil { return ConsoleCall.redirect(console.options.path) }
            return renderer.bare("sign-in", title: "Sign in", [:])
        }

        routes.open(.post, "sign-in") { request, _ in
            guard sameOrigin(request) else { throw ConsoleError.forbidden("The sign-in form must be sent from this console.") }
            guard console.throttle.allows() else {
                console.logger.warning("console: sign-in refused, too many failures")
                return renderer.bare("sign-in", title: "Sign in", status: .tooManyRequests, ["error": "Too many failed sign-ins. Wait a minute and try again."])
            }
            let form = try await ConsoleRoutes.form(request, limit: 16_384)
            let presented = (form["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let signedIn: (cookie: String, user: ConsoleUser)
            do {
                signedIn = try await console.sessions.signIn(token: presented)
            } catch let error as AdminError where error.kind == .unauthorized {
                console.throttle.noteFailure()
                // Never the token itself: only whether it looked like one of ours.
                console.logger.warning("console: sign-in failed", metadata: [
                    "reason": .string(error.message), "well_formed": .stringConvertible(AdminTokens.prefix(of: presented) != nil),
                ])
                return renderer.bare("sign-in", title: "Sign in", status: .unauthorized, ["error": "Sign-in failed: that token is not valid (unknown, revoked or expired)."])
            }
            let (cookie, user) = signedIn
            try await console.service.recordConsoleSignIn(token: user.token)
            console.logger.notice("console: signed in", metadata: ["actor": .string(user.actor), "scope": .string(user.token.scope.rawValue)])
            var response = ConsoleCall.redirect(console.options.path)
            response.setCookie(sessionCookie(console.options, value: cookie, maxAge: Int(console.options.absoluteTimeout)))
            return response
        }

        routes.form("sign-out", access: .read) { call in
            if let cookie = call.request.cookies[ConsoleRoutes.cookieName]?.value {
                try await console.sessions.signOut(cookie: cookie)
            }
            try await console.service.recordConsoleSignOut(token: call.user.token)
            var response = ConsoleCall.redirect(console.options.path + "/sign-in")
            response.setCookie(sessionCookie(console.options, value: "signed-out", maxAge: 0))
            return response
        }
    }

    /// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), scoped to
    /// the console's path, Secure when the service is reached over https.
    static func sessionCookie(_ options: ConsoleOptions, value: String, maxAge: Int) -> Cookie {
        Cookie(name: ConsoleRoutes.cookieName, value: value, maxAge: maxAge, path: options.path, secure: options.secureCookie, httpOnly: true, sameSite: .strict)
    }

    /// A browser's cross-site form post carries its site in `Origin`: refuse one that names another host. Clients that
    /// send no `Origin` (older browsers, tools) pass; the session cookie's SameSite=Strict covers the rest.
    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return URL(string: origin)?.host.map { originHost in
            let port = URL(string: origin)?.port.map { ":\($0)" } ?? ""
            return originHost + port == host
        } ?? false
    }
}
