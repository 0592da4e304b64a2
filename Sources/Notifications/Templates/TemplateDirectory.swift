package import Foundation
import InvoiceDomain

/// Loads the shipped template tree and picks the best template for a customer's locale.
///
/// Layout, one Mustache file per part:
///
///     <root>/email/<kind>/<locale>.subject.mustache
///     <root>/email/<kind>/<locale>.html.mustache
///     <root>/email/<kind>/<locale>.txt.mustache
///     <root>/sms/<kind>/<locale>.txt.mustache
///
/// `<kind>` is a reminder kind in snake case (`before_due`, `due_today`, `overdue`, `final_notice`);
/// `<locale>` is a canonical BCP 47 tag: `en`, `de`, `de-AT`, `zh-Hant-TW`. Hidden files are ignored;
/// anything else that does not fit the layout is an error, so a misnamed file never goes unnoticed.
package enum TemplateDirectory {
    /// Loads every template under `directory`, validating each with `engine`.
    /// - Returns: the templates by id; empty when the directory has no channel folders.
    /// - Throws: the first ``TemplateProblem`` (files visited in name order), its `file` relative to
    ///   `directory` (`email/overdue/de.html.mustache`); or the file system's error if a folder cannot be read.
    package static func load(from directory: URL, engine: TemplateEngine) throws -> [TemplateID: TemplateContent] {
        var sources: [TemplateID: [TemplatePart: (source: String, file: String)]] = [:]

        for channelName in try visibleEntries(of: directory) {
            let channelURL = directory.appendingPathComponent(channelName)
            guard let channel = Channel(rawValue: channelName), isDirectory(channelURL) else {
                let expected = Channel.allCases.map(\.rawValue).joined(separator: " or ")
                throw TemplateProblem(part: "", file: channelName, reason: "unexpected entry: expected a channel folder (\(expected))")
            }
            for kind in try visibleEntries(of: channelURL) {
                let kindURL = channelURL.appendingPathComponent(kind)
                guard isKindName(kind), isDirectory(kindURL) else {
                    throw TemplateProblem(part: "", file: "\(channelName)/\(kind)", reason: "unexpected entry: expected a reminder kind folder in snake case (e.g. overdue)")
                }
                for fileName in try visibleEntries(of: kindURL) {
                    let relativePath = "\(channelName)/\(kind)/\(fileName)"
                    let (locale, part) = try parseFileName(fileName, relativePath: relativePath)
                    let source = try readSource(kindURL.appendingPathComponent(fileName), part: part, relativePath: relativePath)
                    sources[TemplateID(channel: channel, kind: kind, locale: locale), default: [:]][part] = (source, relativePath)
                }
            }
        }

        var templates: [TemplateID: TemplateContent] = [:]
        for (id, parts) in sources.sorted(by: { $0.key.description < $1.key.description }) {
            let content = TemplateContent(subject: parts[.subject]?.source, html: parts[.html]?.source, text: parts[.text]?.source ?? "")
            _ = try engine.analyse(content, channel: id.channel) { part in
                parts[part]?.file ?? "\(id.channel.rawValue)/\(id.kind)/\(id.locale).\(part.fileSuffix).mustache"
            }
            templates[id] = content
        }
        return templates
    }

    /// Finds the template for `id`, falling back from the exact locale to its less specific forms
    /// (`de-AT` → `de`, `zh-Hant-TW` → `zh-Hant` → `zh`), then to `defaultLocale` (and its language).
    /// Locales are compared in canonical form, so `de_at` finds `de-AT`.
    /// - Returns: the id actually used and its content, or `nil` when not even the default locale exists.
    package static func resolve(
        _ id: TemplateID, in set: [TemplateID: TemplateContent], defaultLocale: String
    ) -> (TemplateID, TemplateContent)? {
        var candidates = [id.locale]
        for locale in [id.locale, defaultLocale] {
            var subtags = canonicalLocale(locale).split(separator: "-").map(String.init)
            while !subtags.isEmpty {
                candidates.append(subtags.joined(separator: "-"))
                subtags.removeLast()
            }
        }
        var seen: Set<String> = []
        for locale in candidates where seen.insert(locale).inserted {
            let candidate = TemplateID(channel: id.channel, kind: id.kind, locale: locale)
            if let content = set[candidate] { return (candidate, content) }
        }
        return nil
    }

    /// `de_at` → `de-AT`, `ZH-hant-tw` → `zh-Hant-TW`: language lower case, script title case, region upper case.
    static func canonicalLocale(_ locale: String) -> String {
        let subtags = locale.split(whereSeparator: { $0 == "-" || $0 == "_" })
        return subtags.enumerated().map { offset, subtag in
            if offset == 0 { return subtag.lowercased() }
            if subtag.count == 4, subtag.allSatisfy(\.isLetter) { return subtag.prefix(1).uppercased() + subtag.dropFirst().lowercased() }
            if subtag.count == 2, subtag.allSatisfy(\.isLetter) { return subtag.uppercased() }
            return subtag.lowercased()
        }.joined(separator: "-")
    }

    // MARK: - Private

    private static func visibleEntries(of url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func isKindName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `de-AT.html.mustache` → (`de-AT`, `.html`).
    private static func parseFileName(_ fileName: String, relativePath: String) throws(TemplateProblem) -> (String, TemplatePart) {
        let pieces = fileName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count == 3, pieces[2] == "mustache", let part = TemplatePart(fileSuffix: pieces[1]) else {
            throw TemplateProblem(part: "", file: relativePath, reason: "unexpected file: expected <locale>.subject.mustache, <locale>.html.mustache or <locale>.txt.mustache")
        }
        let locale = pieces[0]
        guard !locale.isEmpty, canonicalLocale(locale) == locale, locale.split(separator: "-").first.map({ (2...3).contains($0.count) && $0.allSatisfy(\.isLetter) }) == true else {
            throw TemplateProblem(part: part.rawValue, file: relativePath, reason: "'\(locale)' is not a canonical locale tag (e.g. en, de-AT)")
        }
        return (locale, part)
    }

    /// Reads UTF-8 text, dropping a byte-order mark and the single final newline editors add.
    private static func readSource(_ url: URL, part: TemplatePart, relativePath: String) throws -> String {
        let data = try Data(contentsOf: url)
        guard var text = String(data: data, encoding: .utf8) else {
            throw TemplateProblem(part: part.rawValue, file: relativePath, reason: "file is not valid UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
