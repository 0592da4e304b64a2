import Foundation
import InvoiceDomain
import Testing

@testable import Notifications

@Suite("Template directory")
struct TemplateDirectoryTests {
    // MARK: - Locale fallback

    private static func id(_ channel: Channel, _ locale: String) -> TemplateID {
        TemplateID(channel: channel, kind: "overdue", locale: locale)
    }

    private static let set: [TemplateID: TemplateContent] = [
        id(.email, "en"): TemplateContent(subject: "en", html: "en", text: "en"),
        id(.email, "de"): TemplateContent(subject: "de", html: "de", text: "de"),
        id(.email, "de-CH"): TemplateContent(subject: "de-CH", html: "de-CH", text: "de-CH"),
        id(.email, "zh-Hant"): TemplateContent(subject: "zh-Hant", html: "zh-Hant", text: "zh-Hant"),
        id(.sms, "en"): TemplateContent(text: "en"),
    ]

    @Test("falls back from region to language to the default locale", arguments: [
        ("de-AT", "de"), ("de", "de"), ("de-CH", "de-CH"), ("de_ch", "de-CH"), ("DE-at", "de"),
        ("pt", "en"), ("pt-BR", "en"), ("zh-Hant-TW", "zh-Hant"), ("zh", "en"), ("en-US", "en"), ("", "en"),
    ])
    func fallback(requested: String, expected: String) throws {
        let (resolved, content) = try #require(TemplateDirectory.resolve(Self.id(.email, requested), in: Self.set, defaultLocale: "en"))
        #expect(resolved == Self.id(.email, expected))
        #expect(content.text == expected)
    }

    @Test("channels and kinds never mix, and a missing default gives nil")
    func noCrossTalk() throws {
        let sms = try #require(TemplateDirectory.resolve(Self.id(.sms, "de-AT"), in: Self.set, defaultLocale: "en"))
        #expect(sms.0 == Self.id(.sms, "en"))
        #expect(TemplateDirectory.resolve(TemplateID(channel: .email, kind: "before_due", locale: "en"), in: Self.set, defaultLocale: "en") == nil)
        #expect(TemplateDirectory.resolve(Self.id(.sms, "fr"), in: Self.set, defaultLocale: "fr") == nil)
    }

    @Test("id description is path-like")
    func description() {
        #expect(TemplateID(channel: .email, kind: "overdue", locale: "de").description == "email/overdue/de")
    }

    // MARK: - Loading

    /// A throwaway template tree; removed when `body` returns.
    private func withTree(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try body(root)
    }

    private func loadProblem(_ files: [String: String]) throws -> TemplateProblem? {
        var found: TemplateProblem?
        try withTree(files) { root in
            do {
                _ = try TemplateDirectory.load(from: root, engine: TemplateEngine())
            } catch let problem as TemplateProblem {
                found = problem
            }
        }
        return found
    }

    @Test("loads a tree, trimming the final newline and ignoring hidden files")
    func loadsTree() throws {
        try withTree([
            "email/overdue/en.subject.mustache": "Invoice {{invoice_number}}\n",
            "email/overdue/en.html.mustache": "<p>{{pay_url}}</p>\n",
            "email/overdue/en.txt.mustache": "{{pay_url}}\n",
            "email/overdue/.DS_Store": "junk",
            "sms/overdue/de-AT.txt.mustache": "\u{FEFF}Zahlen: {{pay_url}}\n",
        ]) { root in
            let templates = try TemplateDirectory.load(from: root, engine: TemplateEngine())
            #expect(templates.count == 2)
            #expect(templates[TemplateID(channel: .email, kind: "overdue", locale: "en")]
                == TemplateContent(subject: "Invoice {{invoice_number}}", html: "<p>{{pay_url}}</p>", text: "{{pay_url}}"))
            #expect(templates[TemplateID(channel: .sms, kind: "overdue", locale: "de-AT")] == TemplateContent(text: "Zahlen: {{pay_url}}"))
        }
    }

    @Test("a bad variable is reported with its file, line and column")
    func badVariable() throws {
        let problem = try #require(try loadProblem([
            "sms/overdue/en.txt.mustache": "Hi {{customer_name}},\nplease pay\n{{amount}} now\n",
        ]))
        #expect(problem.file == "sms/overdue/en.txt.mustache")
        #expect(problem.part == "text")
        #expect((problem.line, problem.column) == (3, 1))
        #expect(problem.description.hasPrefix("sms/overdue/en.txt.mustache:3:1: text: unknown variable 'amount'"))
    }

    @Test("a syntax error is reported with its file, line and column")
    func syntaxError() throws {
        let problem = try #require(try loadProblem([
            "email/due_today/fr.subject.mustache": "Facture {{invoice_number}}\n",
            "email/due_today/fr.html.mustache": "<p>\n  {{#is_overdue}}<b>en retard</b>\n</p>\n",
            "email/due_today/fr.txt.mustache": "{{pay_url}}\n",
        ]))
        #expect(problem.file == "email/due_today/fr.html.mustache")
        #expect((problem.line, problem.column) == (2, 3))
    }

    @Test("a missing email part names the file that should exist")
    func missingPart() throws {
        let problem = try #require(try loadProblem([
            "email/overdue/de.subject.mustache": "Rechnung\n",
            "email/overdue/de.txt.mustache": "{{pay_url}}\n",
        ]))
        #expect(problem.file == "email/overdue/de.html.mustache")
        #expect(problem.part == "html")
    }

    @Test("entries outside the layout are rejected", arguments: [
        "push/overdue/en.txt.mustache", "email/Overdue/en.txt.mustache", "sms/overdue/en.text.mustache",
        "sms/overdue/en.txt", "sms/overdue/EN.txt.mustache", "sms/overdue/de_AT.txt.mustache", "sms/en.txt.mustache",
    ])
    func strayEntries(_ path: String) throws {
        let problem = try #require(try loadProblem([path: "{{pay_url}}\n"]))
        #expect(problem.file.map { path.hasPrefix($0) } == true)
    }
}
