package import InvoiceDomain
package import Foundation

/// Filters and page of `GET /v1/suppressions`: newest first; the cursor is the last row's time.
package struct SuppressionQuery: Sendable, Equatable {
    package static let parameterNames: Set<String> = ["channel", "limit", "cursor"]

    package var channel: Channel?
    package var limit: Int
    package var before: Date?

    package init(_ parameters: AdminParameters) throws {
        channel = try parameters.choice("channel", as: Channel.self)
        limit = try parameters.limit()
        before = try parameters.string("cursor").map { text in
            guard let seconds = Double(text), seconds.isFinite else {
                throw AdminError.badRequest("invalid_cursor", "cursor '\(text)' was not produced by this list")
            }
            return Date(timeIntervalSince1970: seconds)
        }
    }
}
