import Foundation

/// An `application/x-www-form-urlencoded` body as Twilio posts it: name/value pairs in their order.
package struct FormParameters: Sendable {
    package let pairs: [(name: String, value: String)]

    /// - Throws: ``FeedbackError/invalidBody(_:)`` for bytes that are not UTF-8 or not percent-encoded properly.
    package init(body: [UInt8]) throws {
        guard let text = String(validating: body, as: UTF8.self) else { throw FeedbackError.invalidBody("form body is not UTF-8") }
        var pairs: [(name: String, value: String)] = []
        for field in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw FeedbackError.invalidBody("form body is not percent-encoded properly")
            }
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    /// The first value of `name`.
    package subscript(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
