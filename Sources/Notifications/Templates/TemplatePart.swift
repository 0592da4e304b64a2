/// One Mustache source inside a ``TemplateContent``, with the content type it renders as.
enum TemplatePart: String, CaseIterable, Sendable {
    case subject
    case html
    case text

    /// The `{{%CONTENT_TYPE: …}}` value the part renders with: only HTML escapes variables.
    var contentType: String { self == .html ? "HTML" : "TEXT" }

    /// File name suffix in the template directory: `en.subject.mustache`, `en.html.mustache`, `en.txt.mustache`.
    var fileSuffix: String { self == .text ? "txt" : rawValue }

    init?(fileSuffix: String) {
        switch fileSuffix {
        case "subject": self = .subject
        case "html": self = .html
        case "txt": self = .text
        default: return nil
        }
    }

    func source(in content: TemplateContent) -> String? {
        switch self {
        case .subject: content.subject
        case .html: content.html
        case .text: content.text
        }
    }
}
