import Foundation
import Hummingbird
import Mustache
import StoreSeams

/// Renders console pages from the Mustache templates shipped in `Resources/templates` (HTML escaping on:
/// every `{{value}}` is escaped; the layout alone inserts the already-rendered page with `{{{body}}}`).
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let basePath: String

    /// The navigation, in order: section id, label, path below the console.
    static let sections: [(id: String, label: String, path: String)] = [
        ("overview", "Overview", ""), ("deliveries", "Deliveries", "/deliveries"), ("events", "Events", "/events"),
        ("invoices", "Invoices", "/invoices"), ("templates", "Templates", "/templates"), ("audit", "Audit log", "/audit"),
    ]

    /// - Throws: ``TemplatesMissing`` when the resource folder is absent; Mustache parse errors.
    init(basePath: String) throws {
        self.basePath = basePath
        guard let folder = Bundle.module.url(forResource: "templates", withExtension: nil) else { throw TemplatesMissing() }
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        for file in files where file.pathExtension == "mustache" {
            try library.register(String(decoding: try Data(contentsOf: file), as: UTF8.self), named: file.deletingPathExtension().lastPathComponent)
        }
        self.library = library
    }

    struct TemplatesMissing: Error, CustomStringConvertible {
        var description: String { "the console's page templates (RelayConsole resources) are missing" }
    }

    /// A page for a signed-in user.
    func page(
        _ template: String, title: String, section: String, user: ConsoleUser, notice: String?, status: HTTPResponse.Status = .ok, _ values: [String: Any]
    ) -> Response {
        var values = values
        values["base"] = basePath
        values["canWrite"] = user.canWrite
        values["csrf"] = user.session.csrfToken
        let body = library.render(values, withTemplate: template) ?? ""
        let nav: [[String: Any]] = Self.sections.map { ["label": $0.label, "href": basePath + $0.path, "active": $0.id == section] }
        var layout: [String: Any] = [
            "title": title, "base": basePath, "body": body, "nav": nav, "signedIn": true,
            "user": user.actor, "scope": user.token.scope.rawValue, "readOnly": !user.canWrite, "csrf": user.session.csrfToken,
        ]
        if let notice { layout["notice"] = notice }
        return html(library.render(layout, withTemplate: "layout") ?? "", status: status)
    }

    /// A page outside a session (sign-in, errors).
    func bare(_ template: String, title: String, status: HTTPResponse.Status = .ok, _ values: [String: Any]) -> Response {
        var values = values
        values["base"] = basePath
        let body = library.render(values, withTemplate: template) ?? ""
        return html(library.render(["title": title, "base": basePath, "body": body, "signedIn": false], withTemplate: "layout") ?? "", status: status)
    }

    func errorPage(status: HTTPResponse.Status, title: String, message: String) -> Response {
        bare("error", title: title, status: status, ["heading": title, "message": message, "status": Int(status.code)])
    }

    func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
