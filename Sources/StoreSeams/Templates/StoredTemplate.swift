import Foundation

/// One saved version of a template. Versions are append-only: an edit or a rollback adds a version.
public struct StoredTemplate: Sendable, Equatable, Codable {
    /// `channel/kind/locale`, e.g. `email/overdue/de`.
    public var templateId: String
    public var version: Int
    public var subject: String?
    public var html: String?
    public var text: String
    public var createdAt: Date
    /// `shipped` for templates loaded from the templates folder, else the admin token name or `cli`.
    public var createdBy: String
    public var note: String?

    public init(templateId: String, version: Int, subject: String?, html: String?, text: String, createdAt: Date, createdBy: String, note: String?) {
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
