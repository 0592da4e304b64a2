import Foundation

/// The email checks the fakes apply, close enough to the providers' to reject what they would reject.
enum EmailAddressRules {
    /// `local@domain.tld`, no spaces or angle brackets, one `@`.
    static func isValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return false }
        return !address.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
    }

    /// Splits an RFC 5322 mailbox (`Name <a@b.c>`, `"Doe, J" <a@b.c>` or `a@b.c`) into name and address.
    static func parseMailbox(_ mailbox: String) -> (name: String?, email: String) {
        let trimmed = mailbox.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else { return (nil, trimmed) }
        let email = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = unquote(String(name.dropFirst().dropLast()))
        }
        return (name.isEmpty ? nil : name, email)
    }

    private static func unquote(_ quoted: String) -> String {
        var result = ""
        var escaping = false
        for character in quoted {
            if escaping {
                result.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
