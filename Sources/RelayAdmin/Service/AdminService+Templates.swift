import Foundation
import InvoiceDomain
import StoreSeams
package import Notifications

extension AdminService {
    // MARK: - Reading

    /// The current version of every template, ordered by id.
    package func listTemplates() async throws -> [TemplateView] {
        try await store.latestTemplates().map(TemplateView.init)
    }

    /// A template's current version and history.
    /// - Throws: ``AdminError`` `template_not_found`.
    package func template(_ ref: TemplateRef) async throws -> TemplateDetail {
        let versions = try await store.templateVersions(id: ref.description)
        guard let current = versions.first else { throw Self.templateNotFound(ref) }
        return TemplateDetail(template: TemplateView(current), versions: versions.map(TemplateView.init))
    }

    /// One saved version.
    /// - Throws: ``AdminError`` `template_not_found` / `version_not_found`.
    package func templateVersion(_ ref: TemplateRef, version: Int) async throws -> TemplateView {
        guard let stored = try await store.template(id: ref.description, version: version) else {
            _ = try await template(ref)
            throw AdminError.notFound("version_not_found", "template \(ref) has no version \(version)")
        }
        return TemplateView(stored)
    }

    // MARK: - Changing

    /// Saves `content` as the template's next version after validating it exactly like the shipped
    /// templates (syntax, known variables, the parts the channel needs). Saving content identical to the
    /// current version changes nothing. A template id that does not exist yet creates version 1.
    /// - Throws: ``AdminError`` `template_invalid` (422, with part, line, column and reason); nothing is saved then.
    package func updateTemplate(_ ref: TemplateRef, content: TemplateContent, note: String?, actor: String) async throws -> TemplateChange {
        try validate(content, ref: ref)
        if let current = try await store.latestTemplate(id: ref.description), Self.content(of: current) == content {
            return TemplateChange(template: TemplateView(current), created: false)
        }
        let saved = try await store.saveTemplate(
            id: ref.description, subject: content.subject, html: content.html, text: content.text,
            createdBy: actor, note: note, now: clock.now()
        )
        try await record(actor, "template.update", target: ref.description, detail: ["version": String(saved.version)])
        return TemplateChange(template: TemplateView(saved), created: true)
    }

    /// Makes an earlier version current again by saving its content as a new version (history is never rewritten).
    /// - Throws: ``AdminError`` `template_not_found`, `version_not_found`, or `template_invalid` when the old
    ///   content no longer passes today's validation.
    package func rollbackTemplate(_ ref: TemplateRef, toVersion version: Int, actor: String) async throws -> TemplateChange {
        let target = try await templateVersion(ref, version: version)
        guard let current = try await store.latestTemplate(id: ref.description) else { throw Self.templateNotFound(ref) }
        let content = TemplateContent(subject: target.subject, html: target.html, text: target.text)
        try validate(content, ref: ref)
        guard Self.content(of: current) != content else {
            return TemplateChange(template: TemplateView(current), created: false)
        }
        let saved = try await store.saveTemplate(
            id: ref.description, subject: content.subject, html: content.html, text: content.text,
            createdBy: actor, note: "rollback to version \(version)", now: clock.now()
        )
        try await record(actor, "template.rollback", target: ref.description, detail: [
            "from_version": String(current.version), "to_version": String(version), "version": String(saved.version),
        ])
        return TemplateChange(template: TemplateView(saved), created: true)
    }

    // MARK: - Preview

    /// Renders a saved version or proposed content the way a reminder send renders it.
    /// - Throws: ``AdminError``: `template_not_found`, `version_not_found`, `invoice_not_found`,
    ///   `invalid_preview` (400) for contradictory options, `template_invalid` (422) for proposed content.
    package func previewTemplate(_ ref: TemplateRef, _ request: PreviewRequest) async throws -> TemplatePreview {
        if request.version != nil, request.content != nil {
            throw AdminError.badRequest("invalid_preview", "give either a saved version or proposed content, not both")
        }
        if request.invoiceId != nil, request.daysFromDue != nil {
            throw AdminError.badRequest("invalid_preview", "days_from_due applies to sample data only; an invoice's comes from its due date")
        }
        if let locale = request.locale, !Self.isLocaleLike(locale) {
            throw AdminError.badRequest("invalid_preview", "'\(locale)' is not a locale tag (e.g. en, de-DE)")
        }
        if let days = request.daysFromDue, !(-3650...3650).contains(days) {
            throw AdminError.badRequest("invalid_preview", "days_from_due must be within -3650...3650")
        }

        let content: TemplateContent
        var version: Int?
        if let proposed = request.content {
            content = proposed
        } else if let requested = request.version {
            let stored = try await templateVersion(ref, version: requested)
            content = TemplateContent(subject: stored.subject, html: stored.html, text: stored.text)
            version = requested
        } else {
            guard let current = try await store.latestTemplate(id: ref.description) else { throw Self.templateNotFound(ref) }
            content = Self.content(of: current)
            version = current.version
        }

        let message: RenderedMessage
        let locale: String
        if let invoiceId = request.invoiceId {
            guard let invoice = try await store.invoice(id: invoiceId) else {
                throw AdminError.notFound("invoice_not_found", "no invoice '\(invoiceId)'")
            }
            locale = request.locale ?? renderer.locale(for: invoice)
            let now = clock.now()
            message = try Self.rendering { () throws(TemplateProblem) in
                try renderer.render(content, channel: ref.channel, invoice: invoice, locale: locale, now: now)
            }
        } else {
            locale = request.locale ?? ref.locale
            message = try Self.rendering { () throws(TemplateProblem) in
                try renderer.renderSample(content, channel: ref.channel, locale: locale, daysFromDue: request.daysFromDue ?? 3)
            }
        }
        return TemplatePreview(
            templateId: ref.description, channel: ref.channel.rawValue, version: version, locale: locale,
            data: request.invoiceId == nil ? "sample" : "invoice", invoiceId: request.invoiceId,
            subject: message.subject, html: message.html, text: message.text,
            sms: message.sms.map { TemplatePreview.SMS(encoding: $0.encoding.rawValue, segments: $0.segments, characters: $0.characters) },
            warnings: message.warnings
        )
    }

    // MARK: - Helpers

    func validate(_ content: TemplateContent, ref: TemplateRef) throws {
        do throws(TemplateProblem) {
            try engine.validate(content, channel: ref.channel)
        } catch {
            throw Self.invalid(error)
        }
    }

    static func rendering(_ body: () throws(TemplateProblem) -> RenderedMessage) throws -> RenderedMessage {
        do throws(TemplateProblem) {
            return try body()
        } catch {
            throw invalid(error)
        }
    }

    /// `html part, line 3, column 14: unknown variable 'amount' (did you mean 'amount_due'?)`.
    static func invalid(_ problem: TemplateProblem) -> AdminError {
        var location = problem.part.isEmpty ? "template" : "\(problem.part) part"
        if problem.line > 0 { location += ", line \(problem.line), column \(problem.column)" }
        return AdminError.unprocessable("template_invalid", "\(location): \(problem.reason)")
    }

    static func content(of stored: StoredTemplate) -> TemplateContent {
        TemplateContent(subject: stored.subject, html: stored.html, text: stored.text)
    }

    static func templateNotFound(_ ref: TemplateRef) -> AdminError {
        AdminError.notFound("template_not_found", "no template \(ref)")
    }

    static func isLocaleLike(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 35 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
