import Foundation
import HTTPTypes
import Hummingbird
import Notifications
import RelayAdmin
import InvoiceDomain

/// Templates: the list, one template's editor with its version history, saving (validated by the service,
/// whose errors name the part, line and column), rollback, and previews for a locale with sample data.
///
/// An HTML preview is shown in an `<iframe sandbox>` without `allow-scripts`: a saved version from its own
/// address (``frame``, whose response carries its own CSP with `sandbox`), proposed content through `srcdoc`.
enum TemplatePages {
    static let template = "templates/{channel}/{kind}/{locale}"

    static func register(_ routes: ConsoleRoutes) {
        routes.page("templates") { call in
            let templates = try await call.service.listTemplates()
            return call.page("templates", title: "Templates", section: "templates", [
                "rows": templates.map { view in
                    [
                        "id": view.templateId, "href": "\(call.base)/templates/\(view.templateId)", "channel": view.channel, "kind": view.kind,
                        "locale": view.locale, "version": view.version, "created": Format.date(view.createdAt), "by": view.createdBy,
                    ] as [String: Any]
                },
                "empty": templates.isEmpty,
            ])
        }

        routes.page(RouterPath(template)) { call in
            let detail = try await call.service.template(call.templateRef())
            let current = detail.template
            return editor(call, detail, content: TemplateContent(subject: current.subject, html: current.html, text: current.text), note: "", error: nil)
        }

        routes.form(RouterPath(template), access: .write) { call in
            let ref = try call.templateRef()
            let content = submittedContent(call.form, channel: ref.channel.rawValue)
            let note = call.form["note"].flatMap { $0.isEmpty ? nil : $0 }
            do {
                let change = try await call.service.updateTemplate(ref, content: content, note: note, actor: call.user.actor)
                let notice = change.created ? "notice=saved&n=\(change.template.version)" : "notice=unchanged"
                return ConsoleCall.redirect("\(call.base)/templates/\(ref)?\(notice)")
            } catch let error as AdminError where error.kind == .unprocessable {
                let detail = try await call.service.template(ref)
                return editor(call, detail, content: content, note: note ?? "", error: error.message, status: .unprocessableContent)
            }
        }

        routes.form(RouterPath("\(template)/rollback"), access: .write) { call in
            let ref = try call.templateRef()
            guard let version = call.form["version"].flatMap(Int.init), version > 0 else { throw ConsoleError.badRequest("Choose a version to roll back to.") }
            let change = try await call.service.rollbackTemplate(ref, toVersion: version, actor: call.user.actor)
            let notice = change.created ? "notice=rolled_back&n=\(change.template.version)" : "notice=unchanged"
            return ConsoleCall.redirect("\(call.base)/templates/\(ref)?\(notice)")
        }

        routes.page(RouterPath("\(template)/preview")) { call in
            let ref = try call.templateRef()
            let request = try previewRequest(call.query)
            let preview = try await call.service.previewTemplate(ref, request)
            var values = previewValues(preview)
            if preview.html != nil {
                values["frameSrc"] = "\(call.base)/templates/\(ref)/frame?" + FormFields.encode(previewPairs(call.query))
            }
            values["template"] = ref.description
            values["back"] = "\(call.base)/templates/\(ref)"
            values["locale"] = preview.locale
            values["version"] = preview.version.map(String.init) ?? ""
            return call.page("preview", title: "Preview \(ref)", section: "templates", values)
        }

        // Proposed, unsaved content: previewing saves nothing, so a read session may use it.
        routes.form(RouterPath("\(template)/preview"), access: .read) { call in
            let ref = try call.templateRef()
            let locale = call.form["locale"].flatMap { $0.isEmpty ? nil : $0 }
            let preview = try await call.service.previewTemplate(ref, PreviewRequest(content: submittedContent(call.form, channel: ref.channel.rawValue), locale: locale))
            var values = previewValues(preview)
            values["srcdoc"] = preview.html ?? ""
            values["template"] = ref.description
            values["back"] = "\(call.base)/templates/\(ref)"
            values["locale"] = preview.locale
            values["proposed"] = true
            return call.page("preview", title: "Preview \(ref)", section: "templates", values)
        }

        routes.page(RouterPath("\(template)/frame")) { call in
            let preview = try await call.service.previewTemplate(call.templateRef(), previewRequest(call.query))
            return frame(preview.html ?? "")
        }
    }

    /// The editor page: content (current, or what was just submitted and refused), the error, the history.
    static func editor(
        _ call: ConsoleCall, _ detail: TemplateDetail, content: TemplateContent, note: String, error: String?, status: HTTPResponse.Status = .ok
    ) -> Response {
        let current = detail.template
        let isEmail = current.channel == "email"
        var values: [String: Any] = [
            "id": current.templateId, "version": current.version, "isEmail": isEmail,
            "subject": content.subject ?? "", "html": content.html ?? "", "text": content.text, "note": note,
            "action": "\(call.base)/templates/\(current.templateId)",
            "previewHref": "\(call.base)/templates/\(current.templateId)/preview",
            "locale": current.locale,
            "versions": detail.versions.map { view in
                [
                    "version": view.version, "created": Format.date(view.createdAt), "by": view.createdBy, "note": Format.text(view.note),
                    "current": view.version == current.version,
                    "previewHref": "\(call.base)/templates/\(current.templateId)/preview?version=\(view.version)",
                ] as [String: Any]
            },
        ]
        if let error { values["error"] = error }
        return call.page("template", title: current.templateId, section: "templates", status: status, values)
    }

    static func submittedContent(_ form: FormFields, channel: String) -> TemplateContent {
        if channel == "email" {
            return TemplateContent(subject: form["subject"] ?? "", html: (form["html"] ?? "").isEmpty ? nil : form["html"], text: form["text"] ?? "")
        }
        return TemplateContent(text: form["text"] ?? "")
    }

    static func previewPairs(_ query: FormFields) -> [(String, String)] {
        query.filled(["version", "locale"])
    }

    static func previewRequest(_ query: FormFields) throws -> PreviewRequest {
        let parameters = try AdminParameters(previewPairs(query), allowed: ["version", "locale"])
        return PreviewRequest(version: try parameters.int("version", in: 1...Int(Int32.max)), locale: try parameters.string("locale"))
    }

    /// What every preview shows (also a delivery's rendered message).
    static func previewValues(_ preview: TemplatePreview) -> [String: Any] {
        var values: [String: Any] = [
            "subject": Format.text(preview.subject), "text": preview.text, "hasHtml": preview.html != nil,
            "warnings": preview.warnings, "data": preview.data, "previewLocale": preview.locale,
        ]
        if let sms = preview.sms { values["sms"] = ["encoding": sms.encoding, "segments": sms.segments, "characters": sms.characters] as [String: Any] }
        if let html = preview.html { values["srcdoc"] = html }
        return values
    }

    /// A rendered e-mail as its own document for the preview frame. Its policy lets the e-mail's own styles and
    /// pictures show but runs no script (`sandbox` without `allow-scripts`, and no `script-src`), and only the
    /// console may frame it.
    static func frame(_ html: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; frame-ancestors 'self'; sandbox",
                HTTPField.Name("X-Frame-Options")!: "SAMEORIGIN",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}
