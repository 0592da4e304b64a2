/// The messaging providers InvoiceRelay sends through. The raw value is the provider's name everywhere it is
/// written: configuration keys, metric labels, the outbox's attempt rows and logs.
package enum MessagingProvider: String, Sendable, Codable, CaseIterable, Hashable {
    case sendgrid
    case postmark
    case twilio

    /// The channel this provider delivers.
    package var channel: Channel {
        switch self {
        case .sendgrid, .postmark: .email
        case .twilio: .sms
        }
    }
}
