package import Notifications

/// What to render in a preview: a saved version or proposed content, against an invoice or sample data.
package struct PreviewRequest: Sendable, Equatable {
    /// A saved version; `nil` with no `content` means the current version.
    package var version: Int?
    /// Proposed content, rendered without being saved.
    package var content: TemplateContent?
    /// Render for this stored invoice; `nil` for the built-in sample data.
    package var invoiceId: String?
    /// Locale to format amounts and dates for; defaults to the invoice customer's locale (or the configured
    /// default locale) for an invoice, and to the template's own locale for sample data.
    package var locale: String?
    /// Sample data only: days from the due date (negative before it); default 3.
    package var daysFromDue: Int?

    package init(version: Int? = nil, content: TemplateContent? = nil, invoiceId: String? = nil, locale: String? = nil, daysFromDue: Int? = nil) {
        self.version = version
        self.content = content
        self.invoiceId = invoiceId
        self.locale = locale
        self.daysFromDue = daysFromDue
    }
}
