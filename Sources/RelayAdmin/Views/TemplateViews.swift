package import Foundation
import StoreSeams

/// One saved version of a template.
package struct TemplateView: Encodable, Sendable, Equatable {
    /// `channel/kind/locale`, e.g. `email/overdue/en`.
    package var templateId: String
    package var channel: String
    package var kind: String
    package var locale: String
    package var version: Int
    package var subject: String?
    package var html: String?
    package var text: String
    package var createdAt: Date
    package var createdBy: String
    package var note: String?

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
package struct TemplateDetail: Encodable, Sendable {
    package var template: TemplateView
    package var versions: [TemplateView]
}

/// The result of an update or rollback: the current version, and whether this call created it
/// (`false` when the content was already current, so nothing was saved).
package struct TemplateChange: Encodable, Sendable {
    package var template: TemplateView
    package var created: Bool
}

/// A template rendered for review, exactly as a reminder would be.
package struct TemplatePreview: Encodable, Sendable {
    package struct SMS: Encodable, Sendable, Equatable {
        /// `gsm7` or `ucs2`.
        package var encoding: String
        package var segments: Int
        package var characters: Int
    }

    package var templateId: String
    package var channel: String
    /// The saved version rendered; `null` for proposed content.
    package var version: Int?
    /// Locale the amounts and dates were formatted for.
    package var locale: String
    /// `invoice` or `sample`.
    package var data: String
    package var invoiceId: String?
    package var subject: String?
    package var html: String?
    package var text: String
    package var sms: SMS?
    package var warnings: [String]
}
