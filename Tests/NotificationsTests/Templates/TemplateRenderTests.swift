import InvoiceDomain
import Testing

@testable import Notifications

@Suite("Template rendering")
struct TemplateRenderTests {
    let engine = TemplateEngine()

    private func context(name: String?) -> TemplateContext {
        var context = TemplateContext.sample(locale: "en")
        context[.customerName] = name.map(TemplateContext.Value.text)
        return context
    }

    @Test("HTML escapes variables, subject/text/SMS render them verbatim")
    func escaping() throws {
        let script = "<script>alert('x')</script> & Co"
        let content = TemplateContent(
            subject: "Invoice for {{customer_name}}",
            html: "<p>Hi {{customer_name}}</p>",
            text: "Hi {{customer_name}}"
        )
        let email = try engine.render(content, channel: .email, context: context(name: script))
        let html = try #require(email.html)
        #expect(html == "<p>Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co</p>")
        #expect(!html.contains("<script>"))
        #expect(email.subject == "Invoice for \(script)")
        #expect(email.text == "Hi \(script)")

        let sms = try engine.render(TemplateContent(text: "Hi {{customer_name}}"), channel: .sms, context: context(name: script))
        #expect(sms.text == "Hi \(script)")
        #expect(sms.html == nil && sms.subject == nil)
    }

    @Test("URLs in HTML attributes are attribute-escaped")
    func urlEscaping() throws {
        var context = TemplateContext.sample(locale: "en")
        context[.payURL] = .text("https://pay.example.com/i?a=1&b=\"2\"")
        let content = TemplateContent(subject: "s", html: "<a href=\"{{pay_url}}\">Pay</a>", text: "{{pay_url}}")
        let message = try engine.render(content, channel: .email, context: context)
        #expect(message.html == "<a href=\"https://pay.example.com/i?a=1&amp;b=&quot;2&quot;\">Pay</a>")
        #expect(message.text == "https://pay.example.com/i?a=1&b=\"2\"")
    }

    @Test("sections follow presence and flags")
    func sections() throws {
        let content = TemplateContent(
            text: "{{#customer_name}}Hi {{customer_name}}{{/customer_name}}{{^customer_name}}Hello{{/customer_name}}."
                + "{{#is_overdue}} Overdue by {{days_overdue}} days.{{/is_overdue}}{{^is_overdue}} Due in {{days_until_due}} days.{{/is_overdue}}"
        )
        var overdue = TemplateContext.sample(locale: "en", daysFromDue: 4)
        #expect(try engine.render(content, channel: .sms, context: overdue).text == "Hi Alex Morgan. Overdue by 4 days.")
        overdue[.customerName] = nil
        #expect(try engine.render(content, channel: .sms, context: overdue).text == "Hello. Overdue by 4 days.")
        let early = TemplateContext.sample(locale: "en", daysFromDue: -5)
        #expect(try engine.render(content, channel: .sms, context: early).text == "Hi Alex Morgan. Due in 5 days.")
    }

    @Test("subject is collapsed onto one trimmed line and text is trimmed")
    func whitespace() throws {
        var context = TemplateContext.sample(locale: "en")
        context[.invoiceNumber] = .text("INV  7")
        let content = TemplateContent(subject: "  Invoice {{invoice_number}}  ", html: "<p>x</p>\n", text: "\n\nPay {{pay_url}}\n\n")
        let message = try engine.render(content, channel: .email, context: context)
        #expect(message.subject == "Invoice INV 7")
        #expect(message.text == "Pay https://pay.example.com/i/INV-2026-0042")
        #expect(message.html == "<p>x</p>\n")
        #expect(message.sms == nil)
        #expect(message.warnings.isEmpty)
    }

    @Test("warns about used variables that have no value, but not about optional ones")
    func emptyValueWarnings() throws {
        var context = TemplateContext.sample(locale: "en")
        context[.payURL] = nil
        context[.supportPhone] = nil
        let message = try engine.render(TemplateContent(text: "Pay {{pay_url}} {{support_phone}}"), channel: .sms, context: context)
        #expect(message.warnings == ["the template uses 'pay_url' but it has no value"])
    }

    @Test("warns when an SMS needs more segments than the limit")
    func segmentWarning() throws {
        var context = TemplateContext.sample(locale: "en")
        context[.customerName] = .text(String(repeating: "Łukasz ", count: 20))
        let content = TemplateContent(text: "Hi {{customer_name}}")

        let message = try TemplateEngine(smsSegmentWarningLimit: 2).render(content, channel: .sms, context: context)
        let sms = try #require(message.sms)
        #expect(sms.encoding == .ucs2)
        #expect(sms.segments == 3)
        #expect(message.warnings.count == 1)
        #expect(message.warnings.first?.contains("3 segments") == true)
        #expect(message.warnings.first?.contains("'Ł'") == true)

        let relaxed = try TemplateEngine(smsSegmentWarningLimit: 3).render(content, channel: .sms, context: context)
        #expect(relaxed.warnings.isEmpty)
    }

    @Test("render refuses a template that does not validate")
    func renderValidates() {
        #expect(throws: TemplateProblem.self) {
            try engine.render(TemplateContent(text: "Pay {{amount}}"), channel: .sms, context: .sample(locale: "en"))
        }
        #expect(throws: TemplateProblem.self) {
            try engine.render(TemplateContent(text: "{{> footer}}"), channel: .sms, context: .sample(locale: "en"))
        }
    }
}
