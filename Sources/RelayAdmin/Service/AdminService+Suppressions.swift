import Foundation
package import InvoiceDomain
import StoreSeams

extension AdminService {
    /// The suppression list, newest first.
    package func suppressions(_ query: SuppressionQuery) async throws -> Page<SuppressionView> {
        let rows = try await store.suppressions(channel: query.channel, limit: query.limit + 1, before: query.before)
        return Page(rows: rows, limit: query.limit, cursor: { String($0.createdAt.timeIntervalSince1970) }, map: SuppressionView.init)
    }

    /// One address's suppression. - Throws: ``AdminError`` `not_suppressed` (404).
    package func suppression(channel: Channel, address: String) async throws -> SuppressionView {
        let address = try Self.checkedAddress(address, channel: channel)
        guard let suppression = try await store.suppression(channel: channel, address: address) else {
            throw AdminError.notFound("not_suppressed", "\(address) is not suppressed on \(channel.rawValue)")
        }
        return SuppressionView(suppression)
    }

    /// Suppresses an address by hand (reason `manual`); audited.
    /// - Returns: the suppression, and whether it was added (an address already suppressed keeps its reason).
    package func addSuppression(channel: Channel, address: String, note: String?, actor: String) async throws -> (SuppressionView, created: Bool) {
        let address = try Self.checkedAddress(address, channel: channel)
        if let note, note.count > 500 { throw AdminError.badRequest("invalid_note", "note must be at most 500 characters") }
        let added = try await store.suppress(Suppression(
            channel: channel, address: address, reason: .manual, provider: nil, deliveryId: nil, detail: note, createdAt: clock.now()
        ))
        guard let stored = try await store.suppression(channel: channel, address: address) else {
            throw AdminError.conflict("suppression_changed", "the suppression was removed meanwhile; try again")
        }
        if added { try await record(actor, "suppression.add", target: "suppression:\(channel.rawValue)", detail: ["reason": "manual"]) }
        return (SuppressionView(stored), added)
    }

    /// Lifts a suppression; audited with the reason it had (never the address itself, which is personal data).
    /// - Throws: ``AdminError`` `not_suppressed` (404).
    package func removeSuppression(channel: Channel, address: String, actor: String) async throws -> SuppressionView {
        let address = try Self.checkedAddress(address, channel: channel)
        guard let removed = try await store.removeSuppression(channel: channel, address: address) else {
            throw AdminError.notFound("not_suppressed", "\(address) is not suppressed on \(channel.rawValue)")
        }
        try await record(actor, "suppression.remove", target: "suppression:\(channel.rawValue)", detail: ["reason": removed.reason.rawValue])
        return SuppressionView(removed)
    }

    /// The address normalised for its channel. - Throws: ``AdminError`` `invalid_address`.
    static func checkedAddress(_ address: String, channel: Channel) throws -> String {
        let normalised = Suppression.normalise(address, channel: channel)
        let valid = switch channel {
        case .email: ContactFormat.isValidEmail(normalised)
        case .sms: ContactFormat.isValidE164(normalised)
        }
        guard valid else {
            throw AdminError.badRequest("invalid_address", channel == .email ? "not an e-mail address" : "not an E.164 phone number (+14155550123)")
        }
        return normalised
    }
}
