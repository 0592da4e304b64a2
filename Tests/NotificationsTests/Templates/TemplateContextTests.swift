import Foundation
import InvoiceDomain
import Testing

@testable import Notifications

@Suite("Template context")
struct TemplateContextTests {
    private let business = BusinessInfo(name: "Acme Studio", supportEmail: " billing@example.com ", supportPhone: "")

    private func invoice(
        number: String? = "INV-7", name: String? = "Jo Doe", currency: String = "EUR", dueDate: Date? = Date(timeIntervalSince1970: 1_796_090_400),
        url: String? = "https://pay.example.com/i/7", due: Int64 = 1_234_567, remaining: Int64 = 1_000_000
    ) -> Invoice {
        // 1_796_090_400 = 2026-12-01T02:00:00Z: still 30 November in New York.
        let snapshot = InvoiceSnapshot(
            providerInvoiceId: "in_123", number: number, customerName: name, currency: currency, amountDue: due,
            amountPaid: due - remaining, amountRemaining: remaining, dueDate: dueDate, providerStatus: "open", hostedInvoiceURL: url
        )
        return Invoice(source: "stripe", snapshot: snapshot, status: .partiallyPaid, lastEventAt: Date(timeIntervalSince1970: 0), lastEventId: "evt_1")
    }

    private func zone(_ identifier: String) throws -> TimeZone {
        try #require(TimeZone(identifier: identifier))
    }

    @Test("formats amounts and the due date in the customer's locale and time zone")
    func localised() throws {
        let now = Date(timeIntervalSince1970: 1_796_400_000)
        let german = TemplateContext.make(
            invoice: invoice(), business: business, locale: "de-DE", timeZone: try zone("Europe/Berlin"), now: now, daysFromDue: 3)
        #expect(german[.amountDue] == .text("12.345,67 €"))
        #expect(german[.amountRemaining] == .text("10.000,00 €"))
        #expect(german[.currency] == .text("EUR"))
        #expect(german[.dueDate] == .text("01.12.2026"))
        #expect(german[.invoiceNumber] == .text("INV-7"))
        #expect(german[.payURL] == .text("https://pay.example.com/i/7"))
        #expect(german[.businessName] == .text("Acme Studio"))
        #expect(german[.supportEmail] == .text("billing@example.com"))
        #expect(german[.supportPhone] == nil)
        #expect(german.warnings.isEmpty)

        let american = TemplateContext.make(
            invoice: invoice(currency: "usd"), business: business, locale: "en-US", timeZone: try zone("America/New_York"), now: now, daysFromDue: 3)
        #expect(american[.dueDate] == .text("Nov 30, 2026"))
        #expect(american[.amountDue] == .text("$12,345.67"))
        #expect(american[.currency] == .text("USD"))
    }

    @Test("day counters and the overdue flag follow daysFromDue", arguments: [(-3, "3", "0", false), (0, "0", "0", false), (5, "0", "5", true)])
    func dayCounters(daysFromDue: Int, untilDue: String, overdue: String, isOverdue: Bool) throws {
        let context = TemplateContext.make(
            invoice: invoice(), business: business, locale: "en", timeZone: try zone("UTC"), now: Date(), daysFromDue: daysFromDue)
        #expect(context[.daysUntilDue] == .text(untilDue))
        #expect(context[.daysOverdue] == .text(overdue))
        #expect(context[.isOverdue] == .flag(isOverdue))
    }

    @Test("missing or unsafe invoice data degrades with warnings, never leaking the URL")
    func degraded() throws {
        let now = Date(timeIntervalSince1970: 1_796_126_400)  // 2026-12-01T12:00:00Z
        let context = TemplateContext.make(
            invoice: invoice(number: nil, name: "  Jo\nDoe ", currency: "XYZ", dueDate: nil, url: "javascript:alert(1)"),
            business: business, locale: "en-US", timeZone: try zone("UTC"), now: now, daysFromDue: 2)
        #expect(context[.invoiceNumber] == .text("in_123"))
        #expect(context[.customerName] == .text("Jo Doe"))
        #expect(context[.dueDate] == .text("Nov 29, 2026"))
        #expect(context[.payURL] == nil)
        #expect(context[.amountDue] == .text("12,345.67 XYZ"))
        #expect(context.warnings.count == 2)
        #expect(!context.warnings.joined().contains("javascript"))
    }

    @Test("blank customer name is absent so greetings fall back")
    func blankName() throws {
        let context = TemplateContext.make(
            invoice: invoice(name: "   "), business: business, locale: "en", timeZone: try zone("UTC"), now: Date(), daysFromDue: 0)
        #expect(context[.customerName] == nil)
    }

    @Test("sample data is complete for previews", arguments: ["en", "de", "fr", "de-AT"])
    func sample(_ locale: String) {
        let context = TemplateContext.sample(locale: locale)
        for variable in TemplateVariable.allCases {
            #expect(context[variable] != nil, "\(variable.rawValue) missing")
        }
        #expect(context.warnings.isEmpty)
        let expectedAmount = ["en": "$125.00", "de": "125,00 €", "fr": "125,00 €", "de-AT": "€ 125,00"][locale]
        #expect(context[.amountRemaining].flatMap { if case .text(let text) = $0 { text } else { nil } } == expectedAmount)
    }
}
