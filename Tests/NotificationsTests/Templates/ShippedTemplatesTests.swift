import Foundation
import InvoiceDomain
import Testing

@testable import Notifications

/// The templates shipped in `/templates` at the package root.
@Suite("Shipped templates")
struct ShippedTemplatesTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates")

    static let kinds = ["before_due", "due_today", "overdue", "final_notice", "payment_failed", "action_required", "payment_received"]
    static let expectedIDs: [TemplateID] =
        kinds.flatMap { kind in ["en", "de", "fr"].map { TemplateID(channel: .email, kind: kind, locale: $0) } }
        + kinds.flatMap { kind in ["en", "de"].map { TemplateID(channel: .sms, kind: kind, locale: $0) } }

    private func load() throws -> [TemplateID: TemplateContent] {
        try TemplateDirectory.load(from: Self.root, engine: TemplateEngine())
    }

    @Test("the shipped set loads, validates and has exactly the expected templates")
    func loads() throws {
        let templates = try load()
        #expect(Set(templates.keys) == Set(Self.expectedIDs))
    }

    @Test("every shipped template renders with sample data", arguments: expectedIDs)
    func renders(_ id: TemplateID) throws {
        let content = try #require(try load()[id])
        let context = TemplateContext.sample(locale: id.locale)
        guard case .text(let amount) = context[.amountRemaining], case .text(let payURL) = context[.payURL],
            case .text(let number) = context[.invoiceNumber], case .text(let business) = context[.businessName]
        else {
            Issue.record("sample context lacks amount, pay link, number or business")
            return
        }

        let message = try TemplateEngine().render(content, channel: id.channel, context: context)
        #expect(message.warnings.isEmpty)
        #expect(message.text.contains(amount))
        #expect(message.text.contains(payURL))
        #expect(message.text.contains(number))
        #expect(message.text.contains(business))
        #expect(!message.text.contains("{{") && !message.text.contains("}}"))

        switch id.channel {
        case .email:
            let html = try #require(message.html)
            let subject = try #require(message.subject)
            #expect(html.contains(amount))
            #expect(html.contains("href=\"\(payURL)\""))
            #expect(html.contains("Alex Morgan"))
            #expect(html.contains("lang=\"\(id.locale)\""))
            #expect(!html.contains("{{"))
            #expect(subject.contains(number))
            #expect(!subject.isEmpty && !subject.contains("\n"))
            #expect(message.text.contains("billing@example.com"))
        case .sms:
            let sms = try #require(message.sms)
            #expect(sms.encoding == .gsm7)
            #expect(sms.segments == 1, "\(id): \(sms.characters) septets")
        }
    }

    @Test("email greetings fall back when the customer name is unknown", arguments: expectedIDs.filter { $0.channel == .email })
    func anonymousGreeting(_ id: TemplateID) throws {
        let content = try #require(try load()[id])
        var context = TemplateContext.sample(locale: id.locale)
        context[.customerName] = nil
        context[.supportEmail] = nil
        context[.supportPhone] = nil
        let message = try TemplateEngine().render(content, channel: id.channel, context: context)
        let greeting = try #require(message.text.split(separator: "\n").first)
        #expect(["Hello,", "Guten Tag,", "Bonjour,"].contains(String(greeting)))
        #expect(!message.text.contains("billing@example.com"))
        #expect(message.warnings.isEmpty)
    }
}
