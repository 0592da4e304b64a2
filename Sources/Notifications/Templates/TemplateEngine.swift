import Foundation
package import InvoiceDomain
import Mustache

/// Validates and renders reminder templates with swift-mustache.
///
/// swift-mustache renders unknown variables and partials as empty text and never fails at render
/// time, so every template is checked first: syntax (with line and column), variable names against
/// ``TemplateVariable``, no partials, inheritance or delimiter changes, and the parts each channel needs.
///
/// Escaping is decided by the part, not by the author: the HTML body escapes every variable (and may not
/// use `{{{x}}}` / `{{&x}}`), while the subject and text parts are rendered as if they began with
/// `{{%CONTENT_TYPE: TEXT}}`, so nothing is escaped there (writing that pragma yourself is allowed).
package struct TemplateEngine: Sendable {
    /// An SMS taking more segments than this gets a warning in ``RenderedMessage/warnings``.
    package let smsSegmentWarningLimit: Int
    /// Validated and parsed templates, shared by every copy of this engine: the scheduler renders the
    /// same few templates for every delivery, and parsing dominates rendering.
    private let compiled = CompiledTemplateCache()

    package init(smsSegmentWarningLimit: Int = 2) {
        self.smsSegmentWarningLimit = smsSegmentWarningLimit
    }

    // MARK: - Validation

    /// Checks a template for `channel`: syntax, variable names, forbidden tags and required parts
    /// (email: subject, html and text; SMS: text only).
    /// - Parameter file: reported in the problem as is (e.g. `email/overdue/de`).
    /// - Throws: the first ``TemplateProblem`` found, parts checked in the order subject, html, text.
    package func validate(_ content: TemplateContent, channel: Channel, file: String? = nil) throws(TemplateProblem) {
        _ = try analyse(content, channel: channel) { _ in file }
    }

    /// Validates every part and returns, per part, the variables it interpolates.
    func analyse(
        _ content: TemplateContent, channel: Channel, file: (TemplatePart) -> String?
    ) throws(TemplateProblem) -> [TemplatePart: Set<TemplateVariable>] {
        try checkRequiredParts(content, channel: channel, file: file)
        var used: [TemplatePart: Set<TemplateVariable>] = [:]
        for part in TemplatePart.allCases {
            guard let source = part.source(in: content) else { continue }
            used[part] = try Self.validate(source: source, part: part, file: file(part))
        }
        return used
    }

    private func checkRequiredParts(_ content: TemplateContent, channel: Channel, file: (TemplatePart) -> String?) throws(TemplateProblem) {
        switch channel {
        case .email:
            for part in TemplatePart.allCases where part.source(in: content).map(Self.isBlank) ?? true {
                throw TemplateProblem(part: part.rawValue, file: file(part), reason: "email templates need a non-empty \(part.rawValue) part")
            }
            if let subject = content.subject, subject.trimmingTrailingWhitespace().contains(where: \.isNewline) {
                throw TemplateProblem(part: "subject", file: file(.subject), line: 2, column: 1, reason: "the subject must be a single line")
            }
        case .sms:
            for part in [TemplatePart.subject, .html] where part.source(in: content) != nil {
                throw TemplateProblem(part: part.rawValue, file: file(part), reason: "SMS templates have only a text part; remove the \(part.rawValue) part")
            }
            if Self.isBlank(content.text) {
                throw TemplateProblem(part: "text", file: file(.text), reason: "SMS templates need a non-empty text part")
            }
        }
    }

    /// Validates one Mustache source and returns the variables it interpolates.
    static func validate(source: String, part: TemplatePart, file: String?) throws(TemplateProblem) -> Set<TemplateVariable> {
        func problem(_ line: Int, _ column: Int, _ reason: String) -> TemplateProblem {
            TemplateProblem(part: part.rawValue, file: file, line: line, column: column, reason: reason)
        }

        let tags: [TemplateTag]
        do {
            tags = try TemplateScanner.tags(in: source)
        } catch {
            throw problem(error.line, error.column, error.reason)
        }

        var interpolated: Set<TemplateVariable> = []
        var openSections: [TemplateTag] = []
        for tag in tags {
            func fail(_ reason: String) -> TemplateProblem { problem(tag.line, tag.column, reason) }
            func variable() throws(TemplateProblem) -> TemplateVariable {
                guard !tag.name.isEmpty else { throw fail("empty tag '\(tag.source)'") }
                guard let variable = TemplateVariable(rawValue: tag.name) else {
                    throw fail("unknown variable '\(tag.name)'" + suggestion(for: tag.name))
                }
                return variable
            }

            switch tag.kind {
            case .comment:
                continue
            case .variable, .unescapedVariable:
                let variable = try variable()
                if variable.isFlag {
                    throw fail("'\(variable.rawValue)' is a flag: use it as a section, {{#\(variable.rawValue)}}…{{/\(variable.rawValue)}}")
                }
                if tag.kind == .unescapedVariable, part == .html {
                    throw fail("unescaped '\(tag.source)' is not allowed in HTML; use {{\(variable.rawValue)}}")
                }
                interpolated.insert(variable)
            case .section, .invertedSection:
                _ = try variable()
                openSections.append(tag)
            case .sectionEnd:
                let name = tag.name
                guard let open = openSections.popLast() else {
                    throw fail("'\(tag.source)' closes no open section")
                }
                guard open.name == name else {
                    throw fail("'\(tag.source)' does not match '\(open.source)' opened at line \(open.line), column \(open.column)")
                }
            case .pragma:
                let expected = "CONTENT_TYPE: \(part.contentType)"
                let pieces = tag.name.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pieces == ["CONTENT_TYPE", part.contentType] else {
                    throw fail("only the pragma '{{%\(expected)}}' is allowed in the \(part.rawValue) part")
                }
            case .partial, .parentPartial:
                throw fail("partials ('\(tag.source)') are not supported: templates must be self-contained")
            case .block:
                throw fail("template inheritance blocks ('\(tag.source)') are not supported")
            case .setDelimiter:
                throw fail("changing delimiters ('\(tag.source)') is not supported")
            }
        }
        if let unclosed = openSections.last {
            throw problem(unclosed.line, unclosed.column, "section '\(unclosed.source)' is never closed: missing '{{/\(unclosed.name)}}'")
        }

        // swift-mustache has the last word on syntax (e.g. characters it does not accept in names).
        do {
            _ = try MustacheTemplate(string: source)
        } catch let error as MustacheTemplate.ParserError {
            throw problem(error.context.lineNumber, error.context.columnNumber, Self.describe(error.error))
        } catch {
            throw problem(1, 1, "cannot parse template: \(error)")
        }
        return interpolated
    }

    // MARK: - Rendering

    /// Validates `content`, then renders it with `context`.
    ///
    /// The subject is collapsed onto one line and trimmed; the text part is trimmed. For SMS the
    /// result carries ``SMSSegmentInfo`` and a warning when it needs more than
    /// ``smsSegmentWarningLimit`` segments. A template interpolating a variable that has no value
    /// (other than the optional `customer_name`, `support_email`, `support_phone`) also gets a warning.
    package func render(_ content: TemplateContent, channel: Channel, context: TemplateContext) throws(TemplateProblem) -> RenderedMessage {
        let template = try compile(content, channel: channel)
        let used = template.used
        let object = context.renderObject
        let rendered = template.parts.mapValues { $0.render(object) }

        var warnings = context.warnings
        let usedVariables = used.values.reduce(into: Set<TemplateVariable>()) { $0.formUnion($1) }
        for variable in TemplateVariable.allCases
        where usedVariables.contains(variable) && !variable.isOptional && !context.isPresent(variable) {
            warnings.append("the template uses '\(variable.rawValue)' but it has no value")
        }

        let text = (rendered[.text] ?? "").trimmed
        var message = RenderedMessage(
            subject: rendered[.subject].map(Self.singleLine),
            html: rendered[.html],
            text: text,
            warnings: warnings
        )
        if channel == .sms {
            let info = SMSSegments.measure(text)
            message.sms = info
            if info.segments > smsSegmentWarningLimit {
                var warning = "SMS needs \(info.segments) segments (\(info.encoding.rawValue), \(info.characters) units); the limit is \(smsSegmentWarningLimit)"
                if info.encoding == .ucs2, let character = SMSSegments.firstNonGSM7Character(in: text) {
                    warning += "; '\(character)' is not in the GSM-7 alphabet"
                }
                message.warnings.append(warning)
            }
        }
        return message
    }

    /// Validates and parses `content` once; later calls with the same content reuse the result.
    private func compile(_ content: TemplateContent, channel: Channel) throws(TemplateProblem) -> CompiledTemplate {
        let key = CompiledTemplateCache.Key(channel: channel, content: content)
        if let cached = compiled.lookup(key) { return cached }
        let used = try analyse(content, channel: channel) { _ in nil }
        var parts: [TemplatePart: MustacheTemplate] = [:]
        for part in TemplatePart.allCases {
            guard let source = part.source(in: content) else { continue }
            let prefix = part == .html ? "" : "{{%CONTENT_TYPE: TEXT}}"
            do {
                parts[part] = try MustacheTemplate(string: prefix + source)
            } catch {
                throw TemplateProblem(part: part.rawValue, reason: "cannot parse template: \(error)")
            }
        }
        let template = CompiledTemplate(used: used, parts: parts)
        compiled.store(template, for: key)
        return template
    }

    // MARK: - Helpers

    private static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }

    private static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func suggestion(for name: String) -> String {
        let scored = TemplateVariable.allCases.map { ($0.rawValue, editDistance(name.lowercased(), $0.rawValue)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 3 else { return "" }
        return " (did you mean '\(best.0)'?)"
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "syntax error (\(error))" }
        switch error {
        case .sectionCloseNameIncorrect: return "closing tag does not match the open section"
        case .unfinishedName: return "malformed tag name"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidConfigVariableSyntax: return "malformed pragma"
        case .unrecognisedConfigVariable: return "unknown pragma"
        default: return "syntax error (\(error))"
        }
    }
}

extension String {
    fileprivate func trimmingTrailingWhitespace() -> Substring {
        self[..<(lastIndex(where: { !$0.isWhitespace }).map(index(after:)) ?? startIndex)]
    }
}
