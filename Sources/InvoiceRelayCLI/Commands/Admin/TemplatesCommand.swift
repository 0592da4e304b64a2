import ArgumentParser
import Foundation
import Notifications
import RelayServer
import RelayAdmin

/// `invoice-relay templates list|show|edit|preview|rollback`: versioned reminder templates.
struct TemplatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List, show, edit, preview and roll back reminder templates.",
        discussion: "Template ids are channel/kind/locale, e.g. email/overdue/en. Every edit or rollback adds a version; nothing is overwritten.",
        subcommands: [List.self, Show.self, Edit.self, Preview.self, Rollback.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List templates with their current version.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try await AdminContext.open(options)
            let templates = try await context.run { try await $0.listTemplates() }
            try output.emit(templates) {
                var table = TextTable("TEMPLATE", "VERSION", "UPDATED", "BY", "NOTE")
                for t in templates { table.add(t.templateId, String(t.version), Format.date(t.createdAt), t.createdBy, Format.text(t.note)) }
                table.print()
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a template's content and version history.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Template id, e.g. email/overdue/en.")
        var template: String
        @Option(help: "Show this saved version instead of the current one.")
        var version: Int?

        func run() async throws {
            let (context, ref) = try await AdminContext.open(options, template: template)
            if let version {
                let shown = try await context.run { try await $0.templateVersion(ref, version: version) }
                try output.emit(shown) { printContent(shown) }
                return
            }
            let detail = try await context.run { try await $0.template(ref) }
            try output.emit(detail) {
                printContent(detail.template)
                print("\nHistory:")
                var table = TextTable("VERSION", "CREATED", "BY", "NOTE")
                for v in detail.versions { table.add(String(v.version), Format.date(v.createdAt), v.createdBy, Format.text(v.note)) }
                table.print()
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save a new version of a template.",
            discussion: "Parts not given are kept from the current version. The result is validated exactly like the shipped templates (syntax, known variables); nothing is saved when it fails. A file of '-' is read from stdin."
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var parts: TemplatePartOptions
        @Argument(help: "Template id, e.g. email/overdue/en.")
        var template: String
        @Option(help: "Why it changed; kept with the version.")
        var note: String?

        func run() async throws {
            let (context, ref) = try await AdminContext.open(options, template: template)
            guard parts.isGiven else { throw CLIError("nothing to change: give --subject, --subject-file, --html-file or --text-file") }
            let current = try await context.currentTemplate(ref)
            let content = try parts.content(over: current)
            let change = try await context.run { try await $0.updateTemplate(ref, content: content, note: note, actor: AdminContext.actor) }
            try output.emit(change) {
                print(change.created ? "Saved \(ref) version \(change.template.version)." : "No change: \(ref) version \(change.template.version) already has this content.")
            }
        }
    }

    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a template as a reminder would be: a saved version or proposed files, for an invoice or sample data.",
            discussion: "Proposed parts (--subject, --*-file) are rendered over the current version without being saved."
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var parts: TemplatePartOptions
        @Argument(help: "Template id, e.g. email/overdue/en.")
        var template: String
        @Option(help: "Render this saved version (default: the current one).")
        var version: Int?
        @Option(help: "Render for this invoice id (default: built-in sample data).")
        var invoice: String?
        @Option(help: "Format amounts and dates for this locale.")
        var locale: String?
        @Option(name: .customLong("days-from-due"), help: "Sample data only: days from the due date (negative before).")
        var daysFromDue: Int?

        func run() async throws {
            let (context, ref) = try await AdminContext.open(options, template: template)
            var proposed: TemplateContent?
            if parts.isGiven {
                let current = try await context.currentTemplate(ref)
                proposed = try parts.content(over: current)
            }
            let request = PreviewRequest(version: version, content: proposed, invoiceId: invoice, locale: locale, daysFromDue: daysFromDue)
            let preview = try await context.run { try await $0.previewTemplate(ref, request) }
            try output.emit(preview) {
                let source = preview.version.map { "version \($0)" } ?? "proposed content"
                let data = preview.invoiceId.map { "invoice \($0)" } ?? "sample data"
                print("\(preview.templateId), \(source), \(data), locale \(preview.locale)\n")
                if let subject = preview.subject { print("Subject: \(subject)\n") }
                if let html = preview.html { print("--- html ---\n\(html)\n") }
                print(preview.sms == nil ? "--- text ---" : "--- sms ---")
                print(preview.text)
                if let sms = preview.sms { print("\n(\(sms.segments) segment(s), \(sms.encoding), \(sms.characters) units)") }
                for warning in preview.warnings { printError("warning: \(warning)") }
            }
        }
    }

    struct Rollback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an earlier version current again (saved as a new version).")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Template id, e.g. email/overdue/en.")
        var template: String
        @Option(name: .customLong("to-version"), help: "The version whose content to restore.")
        var toVersion: Int

        func run() async throws {
            let (context, ref) = try await AdminContext.open(options, template: template)
            let change = try await context.run { try await $0.rollbackTemplate(ref, toVersion: toVersion, actor: AdminContext.actor) }
            try output.emit(change) {
                print(change.created
                    ? "Rolled \(ref) back to the content of version \(toVersion), saved as version \(change.template.version)."
                    : "No change: \(ref) already has the content of version \(toVersion).")
            }
        }
    }
}

/// Template parts given on the command line, as text or files.
struct TemplatePartOptions: ParsableArguments {
    @Option(help: "New subject line (email).")
    var subject: String?
    @Option(name: .customLong("subject-file"), help: "File with the new subject (email).")
    var subjectFile: String?
    @Option(name: .customLong("html-file"), help: "File with the new HTML body (email).")
    var htmlFile: String?
    @Option(name: .customLong("text-file"), help: "File with the new plain-text body (email) or SMS text.")
    var textFile: String?

    var isGiven: Bool { subject != nil || subjectFile != nil || htmlFile != nil || textFile != nil }

    /// The given parts over `current`'s (absent parts stay as they are).
    func content(over current: TemplateView?) throws -> TemplateContent {
        guard subject == nil || subjectFile == nil else { throw CLIError("give --subject or --subject-file, not both") }
        let text = try textFile.map(Self.read) ?? current?.text
        guard let text else { throw CLIError("this template does not exist yet: --text-file is required") }
        return TemplateContent(
            subject: try subject ?? subjectFile.map(Self.read) ?? current?.subject,
            html: try htmlFile.map(Self.read) ?? current?.html,
            text: text
        )
    }

    /// Reads UTF-8 text as the shipped templates are read: without a byte-order mark and the editor's final newline.
    static func read(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read file \(path)") }
            data = contents
        }
        guard var text = String(data: data, encoding: .utf8) else { throw CLIError("\(path) is not valid UTF-8") }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.last?.isNewline == true { text.removeLast() }
        return text
    }
}

private func printContent(_ template: TemplateView) {
    print("\(template.templateId) version \(template.version) — \(Format.date(template.createdAt)) by \(template.createdBy)\(template.note.map { " (\($0))" } ?? "")\n")
    if let subject = template.subject { print("Subject: \(subject)\n") }
    if let html = template.html { print("--- html ---\n\(html)\n") }
    print("--- text ---\n\(template.text)")
}

// MARK: - Opening

extension AdminContext {
    /// ``open(_:)`` (which loads the shipped templates), then parses the `channel/kind/locale` id the command names.
    fileprivate static func open(_ options: ConfigOptions, template: String) async throws -> (AdminContext, TemplateRef) {
        let context = try await open(options)
        return (context, try check { try TemplateRef(template) })
    }
}
