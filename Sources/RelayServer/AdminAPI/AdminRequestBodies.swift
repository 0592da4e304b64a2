import Foundation
import Notifications
import RelayAdmin

/// `PUT /v1/templates/{channel}/{kind}/{locale}`: the full new content (email: subject, html, text; SMS: text).
struct TemplateUpdateBody: AdminRequestBody {
    static let fields: Set<String> = ["subject", "html", "text", "note"]
    var subject: String?
    var html: String?
    var text: String
    var note: String?

    var content: TemplateContent { TemplateContent(subject: subject, html: html, text: text) }
}

/// `POST /v1/templates/{channel}/{kind}/{locale}/rollback`.
struct RollbackBody: AdminRequestBody {
    static let fields: Set<String> = ["version"]
    var version: Int
}

/// `POST /v1/templates/{channel}/{kind}/{locale}/preview`.
struct PreviewBody: AdminRequestBody {
    static let fields: Set<String> = ["version", "content", "invoice_id", "locale", "days_from_due"]

    struct Content: Decodable {
        var subject: String?
        var html: String?
        var text: String
    }

    var version: Int?
    var content: Content?
    var invoiceId: String?
    var locale: String?
    var daysFromDue: Int?

    enum CodingKeys: String, CodingKey {
        case version, content, locale
        case invoiceId = "invoice_id"
        case daysFromDue = "days_from_due"
    }

    var request: PreviewRequest {
        PreviewRequest(
            version: version, content: content.map { TemplateContent(subject: $0.subject, html: $0.html, text: $0.text) },
            invoiceId: invoiceId, locale: locale, daysFromDue: daysFromDue
        )
    }
}

/// `POST /v1/deliveries/{id}/replay`: `force` re-sends a delivery that was already sent.
struct ReplayBody: AdminRequestBody {
    static let fields: Set<String> = ["force"]
    var force: Bool?
}

/// `POST /v1/deliveries/replay`: the same filters as the list, plus `all` to allow an empty filter.
struct BulkReplayBody: AdminRequestBody {
    static let fields: Set<String> = DeliveryQuery.filterNames.union(["all"])
    var status: String?
    var channel: String?
    var provider: String?
    var invoiceId: String?
    var step: String?
    var createdFrom: String?
    var createdTo: String?
    var providerStatus: String?
    var all: Bool?

    enum CodingKeys: String, CodingKey {
        case status, channel, provider, step, all
        case invoiceId = "invoice_id"
        case createdFrom = "created_from"
        case createdTo = "created_to"
        case providerStatus = "provider_status"
    }

    /// The filter fields as named parameters, so they are checked by the very same rules as the list's query.
    var parameters: [(String, String)] {
        let pairs: [(String, String?)] = [
            ("status", status), ("channel", channel), ("provider", provider), ("invoice_id", invoiceId),
            ("step", step), ("created_from", createdFrom), ("created_to", createdTo), ("provider_status", providerStatus),
        ]
        return pairs.compactMap { name, value in value.map { (name, $0) } }
    }
}

/// A route that takes no fields (an empty body or `{}`).
struct EmptyBody: AdminRequestBody {
    static let fields: Set<String> = []
}

/// `PUT /v1/suppressions/{channel}/{address}`: an optional note kept with a manual suppression.
struct SuppressionBody: AdminRequestBody {
    static let fields: Set<String> = ["note"]
    var note: String?
}

/// `POST /v1/invoices/{id}/pause`: until when (RFC 3339), with an optional note.
struct PauseBody: AdminRequestBody {
    static let fields: Set<String> = ["until", "note"]
    var until: String
    var note: String?

    /// `until` as an instant: RFC 3339 with or without fractional seconds.
    func untilDate() throws -> Date {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = plain.date(from: until) ?? fractional.date(from: until) else {
            throw AdminError.badRequest("invalid_parameter", "until: '\(until)' is not an RFC 3339 date-time like 2026-12-01T09:00:00Z")
        }
        return date
    }
}

/// `POST /v1/invoices/{id}/skip`: a step by name, or the next one when absent.
struct SkipBody: AdminRequestBody {
    static let fields: Set<String> = ["step"]
    var step: String?
}

/// `POST /v1/customers/{id}/exclusion`: `excluded` false includes the customer again.
struct ExclusionBody: AdminRequestBody {
    static let fields: Set<String> = ["excluded"]
    var excluded: Bool?
}
