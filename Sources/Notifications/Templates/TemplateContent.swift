/// The source text of one reminder template: email has a subject, an HTML body and a plain-text body;
/// SMS has only `text`.
package struct TemplateContent: Sendable, Codable, Equatable {
    /// Email subject line (Mustache, rendered as plain text). `nil` for SMS.
    package var subject: String?
    /// Email HTML body (Mustache, variables HTML-escaped). `nil` for SMS.
    package var html: String?
    /// Plain-text email body, or the SMS message (Mustache, rendered as plain text).
    package var text: String

    package init(subject: String? = nil, html: String? = nil, text: String) {
        self.subject = subject
        self.html = html
        self.text = text
    }
}
