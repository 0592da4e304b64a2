import Foundation

/// One field where our invoice disagreed with the provider's object.
public struct DriftRecord: Sendable, Equatable, Codable {
    public var id: Int64?
    public var invoiceId: String
    public var field: String
    public var ours: String?
    public var theirs: String?
    public var detectedAt: Date
    /// `false` in a dry run: reported, not corrected.
    public var fixed: Bool

    public init(id: Int64? = nil, invoiceId: String, field: String, ours: String?, theirs: String?, detectedAt: Date, fixed: Bool) {
        self.id = id
        self.invoiceId = invoiceId
        self.field = field
        self.ours = ours
        self.theirs = theirs
        self.detectedAt = detectedAt
        self.fixed = fixed
    }
}
