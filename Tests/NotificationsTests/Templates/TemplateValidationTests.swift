import InvoiceDomain
import Testing

@testable import Notifications

@Suite("Template validation")
struct TemplateValidationTests {
    let engine = TemplateEngine()

    private func problem(text: String, channel: Channel = .sms) -> TemplateProblem? {
        do {
            try engine.validate(TemplateContent(text: text), channel: channel, file: "sms/overdue/en")
            return nil
        } catch {
            return error
        }
    }

    private func htmlProblem(_ html: String) -> TemplateProblem? {
        do {
            try engine.validate(TemplateContent(subject: "Invoice", html: html, text: "Pay {{pay_url}}"), channel: .email)
            return nil
        } catch {
            return error
        }
    }

    @Test("unknown variable is reported with line, column and a suggestion")
    func unknownVariable() throws {
        let found = try #require(problem(text: "Hi {{customer_name}},\n  pay {{amout_due}} now"))
        #expect(found.part == "text")
        #expect(found.file == "sms/overdue/en")
        #expect(found.line == 2)
        #expect(found.column == 7)
        #expect(found.reason.contains("unknown variable 'amout_due'"))
        #expect(found.reason.contains("did you mean 'amount_due'"))
        #expect(found.description == "sms/overdue/en:2:7: text: \(found.reason)")
    }

    @Test("unknown names are rejected in every tag position", arguments: [
        "{{#paid}}x{{/paid}}", "{{^paid}}x{{/paid}}", "{{{name}}}", "{{& name}}", "{{customer_name.first}}",
        "{{.}}", "{{uppercased(customer_name)}}", "{{}}",
    ])
    func unknownNames(_ text: String) throws {
        let found = try #require(problem(text: text))
        #expect(found.line == 1)
        #expect(found.column == 1)
    }

    @Test("unclosed section points at the opening tag")
    func unclosedSection() throws {
        let found = try #require(problem(text: "Hello\n  {{#is_overdue}}late!\nbye"))
        #expect(found.line == 2)
        #expect(found.column == 3)
        #expect(found.reason.contains("never closed"))
    }

    @Test("mismatched and stray closing tags are located")
    func closingTags() throws {
        let mismatched = try #require(problem(text: "{{#is_overdue}}x{{/customer_name}}"))
        #expect((mismatched.line, mismatched.column) == (1, 17))
        #expect(mismatched.reason.contains("opened at line 1, column 1"))

        let stray = try #require(problem(text: "ok\nx {{/is_overdue}}"))
        #expect((stray.line, stray.column) == (2, 3))
    }

    @Test("a tag without its closing braces is located")
    func unterminatedTag() throws {
        let found = try #require(problem(text: "Pay {{pay_url} now"))
        #expect((found.line, found.column) == (1, 5))
        #expect(found.reason.contains("never closed"))
    }

    @Test("partials, inheritance and delimiter changes are rejected", arguments: [
        "{{> footer}}", "{{>*dynamic}}", "{{<layout}}{{/layout}}", "{{$block}}x{{/block}}", "{{=<% %>=}}",
    ])
    func forbiddenTags(_ tag: String) throws {
        let found = try #require(problem(text: "Pay now.\n" + tag))
        #expect(found.line == 2)
        #expect(found.column == 1)
        #expect(found.reason.contains("not supported"))
    }

    @Test("flags may only be used as sections")
    func flagInterpolation() throws {
        #expect(problem(text: "{{#is_overdue}}late {{/is_overdue}}{{^is_overdue}}soon{{/is_overdue}}") == nil)
        let found = try #require(problem(text: "late: {{is_overdue}}"))
        #expect(found.reason.contains("flag"))
    }

    @Test("comments and the TEXT pragma are allowed in text parts")
    func commentsAndPragma() {
        #expect(problem(text: "{{%CONTENT_TYPE: TEXT}}{{! a note with {{braces }}Pay {{pay_url}}") == nil)
        #expect(problem(text: "{{& customer_name}} {{{customer_name}}}") == nil)
    }

    @Test("HTML bodies may not switch escaping off", arguments: [
        "<p>{{{customer_name}}}</p>", "<p>{{&customer_name}}</p>", "{{%CONTENT_TYPE: TEXT}}<p>{{customer_name}}</p>",
    ])
    func htmlMustEscape(_ html: String) throws {
        let found = try #require(htmlProblem(html))
        #expect(found.part == "html")
        #expect((found.line, found.column) == (1, html.hasPrefix("{{%") ? 1 : 4))
    }

    @Test("required parts per channel")
    func requiredParts() throws {
        let complete = TemplateContent(subject: "Invoice {{invoice_number}}", html: "<p>{{pay_url}}</p>", text: "{{pay_url}}")
        try engine.validate(complete, channel: .email)

        var noHTML = complete
        noHTML.html = nil
        #expect(throws: TemplateProblem.self) { try engine.validate(noHTML, channel: .email) }

        var blankSubject = complete
        blankSubject.subject = "  \n"
        let subjectProblem = try #require(catching { try engine.validate(blankSubject, channel: .email, file: "f") })
        #expect(subjectProblem.part == "subject")
        #expect(subjectProblem.file == "f")

        var twoLineSubject = complete
        twoLineSubject.subject = "Invoice\n{{invoice_number}}"
        #expect(catching { try engine.validate(twoLineSubject, channel: .email) }?.line == 2)

        let smsWithSubject = TemplateContent(subject: "Hi", text: "{{pay_url}}")
        #expect(catching { try engine.validate(smsWithSubject, channel: .sms) }?.part == "subject")
        #expect(catching { try engine.validate(TemplateContent(text: " "), channel: .sms) }?.part == "text")
    }

    @Test("problems in later parts name that part")
    func partNamed() throws {
        let content = TemplateContent(subject: "Invoice", html: "<p>ok</p>", text: "line\n{{nope}}")
        let found = try #require(catching { try engine.validate(content, channel: .email) })
        #expect(found.part == "text")
        #expect((found.line, found.column) == (2, 1))
    }

    private func catching(_ body: () throws -> Void) -> TemplateProblem? {
        do {
            try body()
            return nil
        } catch {
            return error as? TemplateProblem
        }
    }
}
