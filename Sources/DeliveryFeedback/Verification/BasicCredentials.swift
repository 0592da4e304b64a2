import Foundation

/// HTTP Basic credentials a provider presents (Postmark signs nothing: its webhook URL carries a user and password).
package struct BasicCredentials: Sendable {
    private let expected: [UInt8]

    package init(username: String, password: String) {
        self.expected = Array("\(username):\(password)".utf8)
    }

    /// - Throws: ``FeedbackError`` `unauthenticated` unless `authorization` is `Basic base64(user:password)` with the
    ///   configured pair (compared in constant time).
    package func verify(authorization: String?) throws {
        guard let authorization else { throw FeedbackError.unauthenticated("missing Basic credentials") }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces))
        else {
            throw FeedbackError.unauthenticated("missing Basic credentials")
        }
        guard ConstantTimeComparison.equals(Array(decoded), expected) else { throw FeedbackError.unauthenticated("wrong credentials") }
    }
}
