/// The lifecycle state of an invoice as InvoiceRelay tracks it.
///
/// Mirrors the provider's statuses (`draft`, `open`, `paid`, `void`, `uncollectible`) plus
/// `partiallyPaid`, derived when an open invoice has `0 < amount_paid < amount_due`.
package enum InvoiceStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case draft
    case open
    case partiallyPaid = "partially_paid"
    case paid
    case void
    case uncollectible

    /// `paid` and `void` are final: no later event moves an invoice out of them.
    package var isTerminal: Bool { self == .paid || self == .void }

    /// How far along the lifecycle a status is; used to break ties between events
    /// that share one `created` second (see ``InvoiceStateMachine``).
    package var progress: Int {
        switch self {
        case .draft: 0
        case .open: 1
        case .partiallyPaid: 2
        case .uncollectible: 3
        case .paid, .void: 4
        }
    }

    /// Whether the lifecycle allows moving from `self` to `next`.
    package func canMove(to next: InvoiceStatus) -> Bool {
        if next == self { return true }
        switch self {
        case .draft: return true
        case .open, .partiallyPaid: return next != .draft
        case .uncollectible: return next == .paid || next == .void
        case .paid, .void: return false
        }
    }

    /// Status implied by a provider status string and the amounts on the same object.
    /// - Returns: `nil` for a status string we do not know (API drift); callers quarantine such events.
    package static func derive(providerStatus: String, amountDue: Int64, amountPaid: Int64) -> InvoiceStatus? {
        switch providerStatus {
        case "draft": return .draft
        case "open": return amountPaid > 0 && amountPaid < amountDue ? .partiallyPaid : .open
        case "paid": return .paid
        case "void": return .void
        case "uncollectible": return .uncollectible
        default: return nil
        }
    }
}
