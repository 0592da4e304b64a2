package import Foundation
package import InvoiceDomain
import Mustache

/// The values a template is rendered with, one per ``TemplateVariable`` (optional ones may be absent).
///
/// Build it with ``make(invoice:business:locale:timeZone:now:daysFromDue:)`` for a real reminder or
/// ``sample(locale:daysFromDue:business:)`` for previews; tests can set values directly through the subscript.
package struct TemplateContext: Sendable, Equatable {
    /// A variable's value: text to interpolate, or a flag for sections.
    package enum Value: Sendable, Equatable {
        case text(String)
        case flag(Bool)
    }

    private var values: [TemplateVariable: Value]
    /// Problems met while building the context (unknown currency, unusable pay URL); passed on to
    /// ``RenderedMessage/warnings``. Never contains the pay URL itself, which is a bearer link.
    package var warnings: [String]

    package init(values: [TemplateVariable: Value] = [:], warnings: [String] = []) {
        self.values = values
        self.warnings = warnings
    }

    package subscript(variable: TemplateVariable) -> Value? {
        get { values[variable] }
        set { values[variable] = newValue }
    }

    /// Whether the variable holds something a section would treat as present (non-empty text or `true`).
    func isPresent(_ variable: TemplateVariable) -> Bool {
        switch values[variable] {
        case .text(let text): !text.isEmpty
        case .flag(let flag): flag
        case nil: false
        }
    }

    /// The object handed to Mustache: empty texts are left out so sections treat them as absent.
    var renderObject: RenderObject {
        var object: [String: Any] = [:]
        for (variable, value) in values {
            switch value {
            case .text(let text) where !text.isEmpty: object[variable.rawValue] = RenderText(text: text)
            case .text: break
            case .flag(let flag): object[variable.rawValue] = flag
            }
        }
        return RenderObject(values: object)
    }

    // MARK: - Building from an invoice

    /// The context for one reminder about `invoice`.
    /// - Parameters:
    ///   - locale: the customer's locale identifier (`de-DE`); amounts and the due date are formatted for it.
    ///   - timeZone: the customer's time zone; the due date is the calendar day there.
    ///   - now: the current time; used to derive the due date when the invoice has none.
    ///   - daysFromDue: whole days from the due date to today in the customer's zone: negative before
    ///     the due date, `0` on it, positive when overdue.
    package static func make(
        invoice: Invoice, business: BusinessInfo, locale: String, timeZone: TimeZone, now: Date, daysFromDue: Int
    ) -> TemplateContext {
        let snapshot = invoice.snapshot
        let formatLocale = Locale(identifier: locale)
        var context = TemplateContext()

        context.setText(.customerName, snapshot.customerName)
        context.setText(.invoiceNumber, snapshot.number.flatMap(nonBlank) ?? snapshot.providerInvoiceId)
        context.setText(.currency, snapshot.currency.uppercased())
        let amountRemaining = context.formatAmount(snapshot.amountRemaining, code: snapshot.currency, locale: formatLocale)
        let amountDue = context.formatAmount(snapshot.amountDue, code: snapshot.currency, locale: formatLocale)
        context.setText(.amountRemaining, amountRemaining)
        context.setText(.amountDue, amountDue)

        let dueDate = snapshot.dueDate ?? derivedDueDate(now: now, daysFromDue: daysFromDue, timeZone: timeZone)
        context.setText(.dueDate, DueDateFormatter.format(dueDate, locale: formatLocale, timeZone: timeZone))
        context.setText(.daysUntilDue, String(max(0, -daysFromDue)))
        context.setText(.daysOverdue, String(max(0, daysFromDue)))
        context[.isOverdue] = .flag(daysFromDue > 0)

        context.setText(.attemptCount, String(snapshot.attemptCount))
        if let next = snapshot.nextPaymentAttempt {
            context.setText(.nextAttemptDate, DueDateFormatter.format(next, locale: formatLocale, timeZone: timeZone))
        }
        if let url = snapshot.hostedInvoiceURL, !url.isEmpty {
            if isWebURL(url) {
                context.setText(.payURL, url)
                context.setText(.updatePaymentURL, url)
            } else {
                context.warnings.append("pay_url left empty: the invoice's hosted URL is not an http(s) URL")
            }
        }

        context.setText(.businessName, business.name)
        context.setText(.supportEmail, business.supportEmail)
        context.setText(.supportPhone, business.supportPhone)
        return context
    }

    // MARK: - Sample data

    /// Built-in sample data for previews and tests: Acme Studio reminding Alex Morgan about
    /// invoice INV-2026-0042 of 125.00 (USD for English, EUR otherwise), due 1 December 2026.
    /// - Parameter daysFromDue: as in ``make(invoice:business:locale:timeZone:now:daysFromDue:)``; 3 days overdue by default.
    package static func sample(locale: String, daysFromDue: Int = 3, business: BusinessInfo? = nil) -> TemplateContext {
        let language = locale.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        let dueDate = Date(timeIntervalSince1970: 1_796_126_400)  // 2026-12-01T12:00:00Z
        let snapshot = InvoiceSnapshot(
            providerInvoiceId: "in_sample", number: "INV-2026-0042", customerName: "Alex Morgan",
            customerEmail: "alex@example.com", customerPhone: "+15550100", customerLocale: locale,
            currency: language == "en" ? "USD" : "EUR", amountDue: 12_500, amountPaid: 0, amountRemaining: 12_500,
            dueDate: dueDate, providerStatus: "open", hostedInvoiceURL: "https://pay.example.com/i/INV-2026-0042",
            attemptCount: 1, collectionMethod: CollectionMethod.chargeAutomatically,
            nextPaymentAttempt: dueDate.addingTimeInterval(3 * 86_400)  // 2026-12-04
        )
        let invoice = Invoice(source: "sample", snapshot: snapshot, status: .open, lastEventAt: dueDate, lastEventId: "evt_sample")
        let business = business ?? BusinessInfo(name: "Acme Studio", supportEmail: "billing@example.com", supportPhone: "+1 555 0100")
        let timeZone = TimeZone(identifier: "UTC") ?? TimeZone.current
        let now = dueDate.addingTimeInterval(TimeInterval(daysFromDue) * 86_400)
        return make(invoice: invoice, business: business, locale: locale, timeZone: timeZone, now: now, daysFromDue: daysFromDue)
    }

    // MARK: - Helpers

    /// Stores trimmed text with line breaks and tabs flattened to spaces (keeps subjects on one line).
    private mutating func setText(_ variable: TemplateVariable, _ text: String?) {
        guard let text = text.flatMap(Self.nonBlank) else {
            values[variable] = nil
            return
        }
        // Plain ASCII without control characters (nearly every value) needs no flattening.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            values[variable] = .text(text)
            return
        }
        let flattened = text.map { $0.isNewline || $0 == "\t" ? " " : String($0) }.joined()
        values[variable] = .text(flattened)
    }

    private mutating func formatAmount(_ minorUnits: Int64, code: String, locale: Locale) -> String {
        if let currency = Currency.iso(code) {
            return MoneyFormatter.format(minorUnits: minorUnits, currency: currency, locale: locale)
        }
        let message = "unknown currency '\(code)': amounts shown with 2 decimals and the raw code"
        if !warnings.contains(message) { warnings.append(message) }
        let number = MoneyFormatter.decimal(minorUnits: minorUnits, exponent: 2)
            .formatted(Decimal.FormatStyle(locale: locale).precision(.fractionLength(2)))
        return MoneyFormatter.normalisingSpaces("\(number) \(code.uppercased())")
    }

    private static func nonBlank(_ text: String) -> String? {
        let trimmed = text.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func isWebURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host?.isEmpty == false else { return false }
        return scheme == "https" || scheme == "http"
    }

    private static func derivedDueDate(now: Date, daysFromDue: Int, timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(byAdding: .day, value: -daysFromDue, to: now) ?? now
    }
}

/// The root object templates render: a `MustacheParent`, so swift-mustache finds variables with one dictionary
/// lookup instead of reflecting over a value or casting to a conditional conformance.
struct RenderObject: MustacheParent {
    let values: [String: Any]

    func child(named name: String) -> Any? { values[name] }
}

/// A text variable: rendered as its text (escaped as the part requires) without swift-mustache falling back to
/// `String(describing:)`, and a parent with no children, so a section over it (`{{#customer_name}}…`) looks names
/// up in the root object without reflecting over the string.
struct RenderText: MustacheCustomRenderable, MustacheParent {
    let text: String

    var renderText: String { text }
    var isNull: Bool { false }

    func child(named name: String) -> Any? { nil }
}
