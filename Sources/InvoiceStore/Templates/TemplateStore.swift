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

/// Versioned template storage. The current version of a template is its highest version.
public protocol TemplateStore: Sendable {
    func latestTemplate(id: String) async throws -> StoredTemplate?
    func template(id: String, version: Int) async throws -> StoredTemplate?
    /// Every version of one template, newest first.
    func templateVersions(id: String) async throws -> [StoredTemplate]
    /// The current version of every template, ordered by id.
    func latestTemplates() async throws -> [StoredTemplate]
    /// Appends a new version (current + 1) and returns it.
    func saveTemplate(id: String, subject: String?, html: String?, text: String, createdBy: String, note: String?, now: Date) async throws -> StoredTemplate
    /// Stores shipped templates that have no version yet (first start, or a template added in a release).
    /// - Returns: how many were inserted.
    func seedTemplates(_ templates: [(id: String, subject: String?, html: String?, text: String)], now: Date) async throws -> Int
}
