import Foundation
import InvoiceDomain
import Notifications

/// Renders a template for an invoice exactly as the scheduler's delivery worker does: the same
/// ``SchedulerConfiguration`` built from the same configuration gives the customer's locale (else the
/// default locale) and time zone (else the default customer zone, else the business zone) and the days
/// from the due date counted in the business calendar; then ``TemplateContext/make(invoice:business:locale:timeZone:now:daysFromDue:)``
/// and ``TemplateEngine/render(_:channel:context:)``.
struct ReminderPreviewRenderer: Sendable {
    let engine: TemplateEngine
    let scheduler: SchedulerConfiguration

    init(engine: TemplateEngine, scheduler: SchedulerConfiguration) {
        self.engine = engine
        self.scheduler = scheduler
    }

    func locale(for invoice: Invoice) -> String {
        scheduler.customerLocale(for: invoice)
    }

    func render(_ content: TemplateContent, channel: Channel, invoice: Invoice, locale: String, now: Date) throws(TemplateProblem) -> RenderedMessage {
        let daysFromDue = invoice.snapshot.dueDate.map { scheduler.policy.daysFromDue($0, now: now) } ?? 0
        let context = TemplateContext.make(
            invoice: invoice, business: scheduler.business, locale: locale, timeZone: scheduler.customerTimeZone(for: invoice),
            now: now, daysFromDue: daysFromDue
        )
        return try engine.render(content, channel: channel, context: context)
    }

    func renderSample(_ content: TemplateContent, channel: Channel, locale: String, daysFromDue: Int) throws(TemplateProblem) -> RenderedMessage {
        try engine.render(content, channel: channel, context: TemplateContext.sample(locale: locale, daysFromDue: daysFromDue, business: scheduler.business))
    }
}
