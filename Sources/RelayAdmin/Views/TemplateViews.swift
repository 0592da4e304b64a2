import Foundation
import StoreSeams

/// One saved version of a template.
public struct TemplateView: Encodable, Sendable, Equatable {
    /// `channel/kind/locale`, e.g. `email/overdue/en`.
    public var templateId: String
    public var channel: String
    public var kind: String
    public var locale: String
    public var version: Int
    public var subject: String?
    public var html: String?
    public var text: String
    public var createdAt: Date
    public var createdBy: String
    public var note: String?

    init(_ stored: StoredTemplate) {
        let parts = stored.templateId.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        templateId = stored.templateId
        channel = parts.first ?? ""
        kind = parts.count > 1 ? parts[1] : ""
        locale = parts.count > 2 ? parts[2] : ""
        version = stored.version
        subject = stored.subject
        html = stored.html
        text = stored.text
        createdAt = stored.createdAt
        createdBy = stored.createdBy
        note = stored.note
    }
}

/// A template's current version and its whole history, newest first.
public struct TemplateDetail: Encodable, Sendable {
    public var template: TemplateView
    public var versions: [TemplateView]
}

/// The result of an update or rollback: the current version, and whether this call created it
/// (`false` when the content was already current, so nothing was saved).
public struct TemplateChange: Encodable, Sendable {
    public var template: TemplateView
    public var created: Bool
}

/// A template rendered for review, exactly as a reminder would be.
public struct TemplatePreview: Encodable, Sendable {
    public struct SMS: Encodable, Sendable, Equatable {
        /// `gsm7` or `ucs2`.
        public var encoding: String
        public var segments: Int
        public var characters: Int
    }

    public var templateId: String
    public var channel: String
    /// The saved version rendered; `null` for proposed content.
    public var version: Int?
    /// Locale the amounts and dates were formatted for.
    public var locale: String
    /// `invoice` or `sample`.
    public var data: String
    public var invoiceId: String?
    public var subject: String?
    public var html: String?
    public var text: String
    public var sms: SMS?
    public var warnings: [String]
}
