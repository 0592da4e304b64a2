import Foundation
import Hummingbird
import RelayAdmin

/// One console request as a page handler sees it.
struct ConsoleCall: Sendable {
    let console: RelayConsole
    let request: Request
    let context: BasicRequestContext
    let user: ConsoleUser
    let form: FormFields

    var service: AdminService { console.service }
    var base: String { console.options.path }
    var query: FormFields { FormFields(encoded: request.uri.query ?? "") }

    /// The filled query fields among `names`, checked by the admin service's strict parameter rules.
    func parameters(_ names: Set<String>) throws -> AdminParameters {
        try AdminParameters(query.filled(names), allowed: names)
    }

    /// A path parameter.
    func path(_ name: String) throws -> String {
        guard let value = context.parameters.get(name) else { throw ConsoleError.badRequest("missing '\(name)' in the address") }
        return value
    }

    /// A positive integer id from the path.
    func id(_ name: String) throws -> Int64 {
        guard let id = Int64(try path(name)), id > 0 else { throw ConsoleError(status: .notFound, title: "Not found", message: "No such \(name).") }
        return id
    }

    func templateRef() throws -> TemplateRef {
        try TemplateRef(channel: path("channel"), kind: path("kind"), locale: path("locale"))
    }

    /// Renders `template` inside the console layout.
    func page(_ template: String, title: String, section: String, status: HTTPResponse.Status = .ok, _ values: [String: Any]) -> Response {
        console.renderer.page(template, title: title, section: section, user: user, notice: notice, status: status, values)
    }

    /// The message of a `notice` code in the query (set by redirects after a successful form): fixed texts only,
    /// so a crafted link cannot make the console say something else.
    var notice: String? {
        guard let code = query["notice"] else { return nil }
        let n = query["n"].flatMap { Int($0) }.map(String.init) ?? ""
        switch code {
        case "saved": return "Saved as version \(n)."
        case "unchanged": return "Nothing changed: the content is the same as the current version."
        case "rolled_back": return "Rolled back: the old content is now version \(n)."
        case "replayed": return "Delivery re-queued."
        case "resent": return "Delivery re-queued for a deliberate resend."
        case "bulk_replayed": return "Re-queued \(n) deliveries."
        case "reprocessed": return "Event re-processed."
        default: return nil
        }
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
