import Foundation
/// Removes our credentials from any text that may reach a log or the outbox (reasons, echoed provider messages).
struct SecretRedactor: Sendable {
    private let secrets: [String]

    /// Secrets shorter than 4 characters are ignored (they would redact ordinary words).
    init(secrets: [String]) {
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}
