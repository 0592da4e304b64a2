package import Foundation

/// One field where our invoice disagreed with the provider's object.
package struct DriftRecord: Sendable, Equatable, Codable {
    package var id: Int64?
    package var invoiceId: String
    package var field: String
    package var ours: String?
    package var theirs: String?
    package var detectedAt: Date
    /// `false` in a dry run: reported, not corrected.
    package var fixed: Bool

    package init(id: Int64? = nil, invoiceId: String, field: String, ours: String?, theirs: String?, detectedAt: Date, fixed: Bool) {
        self.id = id
        self.invoiceId = invoiceId
        self.field = field
        self.ours = ours
        self.theirs = theirs
        self.detectedAt = detectedAt
        self.fixed = fixed
    }
}
