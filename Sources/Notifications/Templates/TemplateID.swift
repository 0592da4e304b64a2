package import InvoiceDomain

/// Identifies a template by channel, reminder kind (`before_due`, `due_today`, `overdue`, `final_notice`)
/// and locale (`en`, `de`, `de-AT`); its description is the path-like `email/overdue/de`.
package struct TemplateID: Sendable, Hashable, Codable, CustomStringConvertible {
    package var channel: Channel
    package var kind: String
    package var locale: String

    package init(channel: Channel, kind: String, locale: String) {
        self.channel = channel
        self.kind = kind
        self.locale = locale
    }

    package var description: String { "\(channel.rawValue)/\(kind)/\(locale)" }
}
