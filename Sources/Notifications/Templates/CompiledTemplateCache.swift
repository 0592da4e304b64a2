import InvoiceDomain
import Mustache
import Synchronization

/// A template that passed validation, parsed once per part.
struct CompiledTemplate: Sendable {
    /// Variables each part interpolates (for "no value" warnings).
    var used: [TemplatePart: Set<TemplateVariable>]
    var parts: [TemplatePart: MustacheTemplate]
}

/// Bounded cache of ``CompiledTemplate``s keyed by channel and exact content, so an edited template
/// (new content) is compiled afresh and a stale one can never be served.
final class CompiledTemplateCache: Sendable {
    struct Key: Hashable, Sendable {
        var channel: Channel
        var subject: String?
        var html: String?
        var text: String

        init(channel: Channel, content: TemplateContent) {
            self.channel = channel
            subject = content.subject
            html = content.html
            text = content.text
        }
    }

    private static let capacity = 256
    private let entries = Mutex<[Key: CompiledTemplate]>([:])

    func lookup(_ key: Key) -> CompiledTemplate? {
        entries.withLock { $0[key] }
    }

    func store(_ template: CompiledTemplate, for key: Key) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = template
        }
    }
}
