import Foundation
import Hummingbird
import RelayAdmin
import StoreSeams
import Logging

/// Sign-in with an API token, and sign-out. Both are audited through ``AdminService`` under the token's name.
/// Failed sign-ins are throttled (``SignInThrottle``) and logged without the token.
///
/// The sign-in form is protected against login CSRF (another site signing the browser into an attacker's session)
/// by a double-submit value: the form page sets it in a `SameSite=Strict` cookie and in a hidden field, and the
/// post must carry both, equal. A cross-site post carries no such cookie. (`Origin` cannot serve: with
/// `Referrer-Policy: no-referrer` browsers send `Origin: null` on form posts.)
enum SignInPages {
    static func register(_ routes: ConsoleRoutes) {
        let console = routes.console

        routes.open(.get, "sign-in") { request, _ in
            if try await ConsoleRoutes.currentUser(request, console) != nil { return ConsoleCall.redirect(console.options.path) }
            return signInPage(console, status: .ok, error: nil)
        }

        routes.open(.post, "sign-in") { request, _ in
            guard sameOrigin(request) else { throw ConsoleError.forbidden("The sign-in form must be sent from this console.") }
            let form = try await ConsoleRoutes.form(request, limit: 16_384)
            guard let expected = request.cookies[formCookieName]?.value, SessionManager.csrfMatches(form["csrf"], expected) else {
                return signInPage(console, status: .forbidden, error: "The sign-in form expired or was not sent from this console. Try again.")
            }
            guard console.throttle.allows() else {
                console.logger.warning("console: sign-in refused, too many failures")
                return signInPage(console, status: .tooManyRequests, error: "Too many failed sign-ins. Wait a minute and try again.")
            }
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
                return signInPage(console, status: .unauthorized, error: "Sign-in failed: that token is not valid (unknown, revoked or expired).")
            }
            let (cookie, user) = signedIn
            try await console.service.recordConsoleSignIn(token: user.token)
            console.logger.notice("console: signed in", metadata: ["actor": .string(user.actor), "scope": .string(user.token.scope.rawValue)])
            var response = ConsoleCall.redirect(console.options.path)
            response.setCookie(sessionCookie(console.options, value: cookie, maxAge: Int(console.options.absoluteTimeout)))
            response.setCookie(Cookie(name: formCookieName, value: "used", maxAge: 0, path: console.options.path, secure: console.options.secureCookie, httpOnly: true, sameSite: .strict))
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

    static let formCookieName = "relay_console_signin"

    /// The sign-in form with a fresh double-submit value in its cookie and its hidden field.
    static func signInPage(_ console: RelayConsole, status: HTTPResponse.Status, error: String?) -> Response {
        let value = SessionManager.randomToken()
        var values: [String: Any] = ["csrf": value]
        if let error { values["error"] = error }
        var response = console.renderer.bare("sign-in", title: "Sign in", status: status, values)
        response.setCookie(Cookie(
            name: formCookieName, value: value, maxAge: 3600, path: console.options.path, secure: console.options.secureCookie, httpOnly: true, sameSite: .strict
        ))
        return response
    }

    /// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), scoped to
    /// the console's path, Secure when the service is reached over https.
    static func sessionCookie(_ options: ConsoleOptions, value: String, maxAge: Int) -> Cookie {
        Cookie(name: ConsoleRoutes.cookieName, value: value, maxAge: maxAge, path: options.path, secure: options.secureCookie, httpOnly: true, sameSite: .strict)
    }

    /// A cross-site form post that names its site in `Origin` is refused outright; an absent or `null` origin (what
    /// `no-referrer` pages send) is left to the double-submit check.
    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin], origin != "null" else { return true }
        guard let host = request.head.authority else { return false }
        return URL(string: origin)?.host.map { originHost in
            let port = URL(string: origin)?.port.map { ":\($0)" } ?? ""
            return originHost + port == host
        } ?? false
    }
}
