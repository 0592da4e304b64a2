/// Why a template was rejected, and where: the part (`subject`, `html`, `text`), the file when known,
/// and a 1-based line and column (`0` when the problem is not at a position, e.g. a missing part).
package struct TemplateProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// `subject`, `html` or `text`; empty when the problem concerns the template set rather than a part.
    package var part: String
    package var file: String?
    package var line: Int
    package var column: Int
    package var reason: String

    package init(part: String, file: String? = nil, line: Int = 0, column: Int = 0, reason: String) {
        self.part = part
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `email/overdue/de.html.mustache:3:14: html: unknown variable 'amount'`, compiler style.
    package var description: String {
        var location = file ?? ""
        if line > 0 {
            location += "\(location.isEmpty ? "" : ":")\(line):\(column)"
        }
        let prefix = location.isEmpty ? "" : "\(location): "
        let partPrefix = part.isEmpty ? "" : "\(part): "
        return prefix + partPrefix + reason
    }
}
