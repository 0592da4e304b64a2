import Foundation
/// The body of Postmark's `POST /email`, only the parts we use.
struct PostmarkEmail: Encodable, Equatable {
    var from: String
    var to: String
    /// Comma-separated copies; left out when there are none.
    var cc: String?
    var subject: String?
    var htmlBody: String?
    var textBody: String?
    var messageStream: String?
    var metadata: [String: String]
    var tag: String?

    enum CodingKeys: String, CodingKey {
        case from = "From"
        case to = "To"
        case cc = "Cc"
        case subject = "Subject"
        case htmlBody = "HtmlBody"
        case textBody = "TextBody"
        case messageStream = "MessageStream"
        case metadata = "Metadata"
        case tag = "Tag"
    }

    /// The key under which our idempotency key travels in `Metadata`.
    static let idempotencyKeyField = "idempotency_key"
    /// A message tag under this key is also sent as Postmark's single `Tag` (used for its stats and filters).
    static let tagKey = "tag"

    init(message: OutboundMessage, fromEmail: String, fromName: String?, messageStream: String?) {
        from = MailboxAddress.format(email: fromEmail, name: fromName)
        to = MailboxAddress.format(email: message.to, name: message.toName)
        let copies = message.cc.filter { $0.lowercased() != message.to.lowercased() }
        cc = copies.isEmpty ? nil : copies.joined(separator: ", ")
        subject = message.subject
        htmlBody = message.html.providerNonEmpty
        textBody = message.text.isEmpty ? nil : message.text
        self.messageStream = messageStream.providerNonEmpty
        var metadata = message.tags
        metadata[Self.idempotencyKeyField] = message.idempotencyKey
        self.metadata = metadata
        tag = message.tags[Self.tagKey].providerNonEmpty
    }
}

/// RFC 5322 mailbox formatting: `Name <email>`, quoting the display name when it has special characters.
enum MailboxAddress {
    private static let specials = Set("()<>[]:;@\\,.\"")

    static func format(email: String, name: String?) -> String {
        guard let name = name.providerNonEmpty else { return email }
        let singleLine = name.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        guard singleLine.contains(where: { specials.contains($0) }) else { return "\(singleLine) <\(email)>" }
        let escaped = singleLine.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\" <\(email)>"
    }
}
