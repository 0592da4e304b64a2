import Foundation

/// What skipping a step did.
package struct SkipResult: Encodable, Sendable {
    package var invoice: InvoiceView
    package var skippedStep: String
}

/// A customer's exclusion from reminders.
package struct CustomerExclusion: Encodable, Sendable, Equatable {
    package var customerId: String
    package var excluded: Bool
}
