package import Foundation

/// One saved version of a template. Versions are append-only: an edit or a rollback adds a version.
package struct StoredTemplate: Sendable, Equatable, Codable {
    /// `channel/kind/locale`, e.g. `email/overdue/de`.
    package var templateId: String
    package var version: Int
    package var subject: String?
    package var html: String?
    package var text: String
    package var createdAt: Date
    /// `shipped` for templates loaded from the templates folder, else the admin token name or `cli`.
    package var createdBy: String
    package var note: String?

    package init(templateId: String, version: Int, subject: String?, html: String?, text: String, createdAt: Date, createdBy: String, note: String?) {
        self.templateId = templateId
        self.version = version
        self.subject = subject
        self.html = html
        self.text = text
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.note = note
    }
}
