/// The one template read the scheduler's hot path makes (`TemplateResolver`): the current version of a template.
package protocol TemplateSource: Sendable {
    /// The highest version of template `id` (`channel/kind/locale`), or `nil` when it has none.
    func latestTemplate(id: String) async throws -> StoredTemplate?
}
