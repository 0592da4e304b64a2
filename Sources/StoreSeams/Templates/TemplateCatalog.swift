package import Foundation

/// Versioned template storage as the admin surface (API and CLI) and `TemplateSeeder` use it.
/// Versions are append-only; the current version of a template is its highest version.
package protocol TemplateCatalog: TemplateSource {
    func template(id: String, version: Int) async throws -> StoredTemplate?

    /// Every version of one template, newest first.
    func templateVersions(id: String) async throws -> [StoredTemplate]

    /// The current version of every template, ordered by id.
    func latestTemplates() async throws -> [StoredTemplate]

    /// Appends a new version (current + 1) and returns it; a rollback is a save of older content.
    func saveTemplate(id: String, subject: String?, html: String?, text: String, createdBy: String, note: String?, now: Date) async throws -> StoredTemplate

    /// Stores shipped templates that have no version yet (first start, or a template added in a release).
    /// Idempotent: a template that already has a version, shipped or edited, is left alone.
    /// - Returns: how many were inserted.
    func seedTemplates(_ templates: [(id: String, subject: String?, html: String?, text: String)], now: Date) async throws -> Int
}
