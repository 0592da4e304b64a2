/// What processing made of a stored event.
package enum EventStatus: String, Sendable, Codable, CaseIterable {
    /// Changed the invoice.
    case applied
    /// Valid but older than (or not as far along as) what the invoice already reflects; nothing changed.
    case superseded
    /// Verified but failed validation or could not be decoded; kept for admins to re-process.
    case quarantined
    /// A type we do not handle.
    case ignored
}
