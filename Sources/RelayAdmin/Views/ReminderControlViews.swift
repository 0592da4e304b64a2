import Foundation

/// What skipping a step did.
public struct SkipResult: Encodable, Sendable {
    public var invoice: InvoiceView
    public var skippedStep: String
}

/// A customer's exclusion from reminders.
public struct CustomerExclusion: Encodable, Sendable, Equatable {
    public var customerId: String
    public var excluded: Bool
}
