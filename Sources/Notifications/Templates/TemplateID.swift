import InvoiceDomain

/// Identifies a template by channel, reminder kind (`before_due`, `due_today`, `overdue`, `final_notice`)
/// and locale (`en`, `de`, `de-AT`); its description is the path-like `email/overdue/de`.
public struct TemplateID: Sendable, Hashable, Codable, CustomStringConvertible {
    public var channel: Channel
    public var kind: String
    public var locale: String

    public init(channel: Channel, kind: String, locale: String) {
        self.channel = channel
        self.kind = kind
        self.locale = locale
    }

    public var description: String { "\(channel.rawValue)/\(kind)/\(locale)" }
}
