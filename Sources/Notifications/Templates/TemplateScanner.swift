/// Splits Mustache source into its tags with their 1-based line and column, independently of
/// swift-mustache (whose parsed tokens are not public), so validation can check every name.
///
/// Only the default `{{ }}` delimiters are understood; set-delimiter tags are reported as
/// ``TemplateTag/Kind/setDelimiter`` and rejected by the engine, so nothing else can be in use.
enum TemplateScanner {
    struct Failure: Error {
        var line: Int
        var column: Int
        var reason: String
    }

    static func tags(in source: String) throws(Failure) -> [TemplateTag] {
        let characters = Array(source)
        var tags: [TemplateTag] = []
        var index = 0
        var line = 1
        var column = 1

        func advance(to end: Int) {
            while index < end {
                if characters[index].isNewline {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
            }
        }

        while index < characters.count {
            guard characters[index] == "{", index + 1 < characters.count, characters[index + 1] == "{" else {
                advance(to: index + 1)
                continue
            }
            let start = (line: line, column: column)
            let isTriple = index + 2 < characters.count && characters[index + 2] == "{"
            let bodyStart = index + (isTriple ? 3 : 2)
            let closer: [Character] = isTriple ? ["}", "}", "}"] : ["}", "}"]
            guard let bodyEnd = firstIndex(of: closer, in: characters, from: bodyStart) else {
                let expected = String(closer)
                throw Failure(line: start.line, column: start.column, reason: "tag is never closed: missing '\(expected)'")
            }
            let body = String(characters[bodyStart..<bodyEnd])
            tags.append(TemplateTag(body: body, isTriple: isTriple, line: start.line, column: start.column))
            advance(to: bodyEnd + closer.count)
        }
        return tags
    }

    private static func firstIndex(of needle: [Character], in haystack: [Character], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for candidate in start...(haystack.count - needle.count) where haystack[candidate] == needle[0] {
            if Array(haystack[candidate..<(candidate + needle.count)]) == needle { return candidate }
        }
        return nil
    }
}

/// One `{{…}}` tag found by ``TemplateScanner``.
struct TemplateTag: Equatable {
    enum Kind: Equatable {
        case variable
        /// `{{{name}}}` or `{{&name}}`
        case unescapedVariable
        case section
        case invertedSection
        case sectionEnd
        case comment
        /// `{{%NAME: value}}`
        case pragma
        /// `{{>name}}`
        case partial
        /// `{{<name}}`
        case parentPartial
        /// `{{$name}}`
        case block
        /// `{{=<% %>=}}`
        case setDelimiter
    }

    var kind: Kind
    /// The tag's name (or comment text, pragma body), whitespace-trimmed, without the sigil.
    var name: String
    /// The tag as written, for messages.
    var source: String
    var line: Int
    var column: Int

    init(body: String, isTriple: Bool, line: Int, column: Int) {
        self.line = line
        self.column = column
        self.source = isTriple ? "{{{\(body)}}}" : "{{\(body)}}"
        let sigils: [Character: Kind] = [
            "&": .unescapedVariable, "#": .section, "^": .invertedSection, "/": .sectionEnd, "!": .comment,
            "%": .pragma, ">": .partial, "<": .parentPartial, "$": .block, "=": .setDelimiter,
        ]
        var rest = Substring(body)
        if isTriple {
            kind = .unescapedVariable
        } else if let first = rest.first, let sigilKind = sigils[first] {
            kind = sigilKind
            rest = rest.dropFirst()
        } else {
            kind = .variable
        }
        name = rest.trimmingWhitespace()
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
