package import Foundation
package import StoreSeams

/// Loads the shipped templates folder and stores every template that has no version yet.
package enum TemplateSeeder {
    /// Validates every template under `directory` (a bad one stops startup with file, line and reason)
    /// and seeds the store with those it does not hold yet; stored edits are never overwritten.
    /// - Returns: how many templates were inserted as version 1.
    /// - Throws: ``TemplateProblem`` for an invalid template, file-system errors, store errors.
    @discardableResult
    package static func seed(
        from directory: URL, engine: TemplateEngine, into store: any TemplateCatalog, now: Date
    ) async throws -> Int {
        let templates = try TemplateDirectory.load(from: directory, engine: engine)
        let rows = templates
            .sorted { $0.key.description < $1.key.description }
            .map { (id: $0.key.description, subject: $0.value.subject, html: $0.value.html, text: $0.value.text) }
        return try await store.seedTemplates(rows, now: now)
    }
}
