package import CoreMetrics
package import Foundation
package import InvoiceDomain
package import StoreSeams
package import Logging

/// Turns authentic provider callbacks into delivery statuses and suppressions.
///
/// Each entry point verifies the provider's own proof over the exact raw bytes first (a failure changes nothing),
/// then records. A callback about a message we do not know is accepted and ignored, so the provider does not
/// retry it forever; a duplicate changes nothing.
package struct FeedbackProcessor: Sendable {
    /// The credentials each provider's callbacks are checked with; a provider without them has no endpoint.
    package struct Credentials: Sendable {
        package var twilioAuthToken: String?
        package var sendgridPublicKey: String?
        package var postmark: (username: String, password: String)?
        package var timestampTolerance: TimeInterval

        package init(twilioAuthToken: String? = nil, sendgridPublicKey: String? = nil, postmark: (username: String, password: String)? = nil, timestampTolerance: TimeInterval = 300) {
            self.twilioAuthToken = twilioAuthToken
            self.sendgridPublicKey = sendgridPublicKey
            self.postmark = postmark
            self.timestampTolerance = timestampTolerance
        }
    }

    /// Who answers a HELP text.
    package struct HelpContact: Sendable {
        package var businessName: String
        package var supportEmail: String?
        package var supportPhone: String?

        package init(businessName: String, supportEmail: String?, supportPhone: String?) {
            self.businessName = businessName
            self.supportEmail = supportEmail
            self.supportPhone = supportPhone
        }
    }

    private let store: any FeedbackStore
    private let twilio: TwilioRequestValidator?
    private let sendgrid: SendGridEventVerifier?
    private let postmark: BasicCredentials?
    private let help: HelpContact
    private let clock: any WallClock
    private let metrics: FeedbackMetrics
    private let logger: Logger

    /// - Throws: ``FeedbackError/configuration(_:)`` for an unusable SendGrid public key.
    package init(store: any FeedbackStore, credentials: Credentials, help: HelpContact, clock: any WallClock, metrics: any MetricsFactory, logger: Logger) throws {
        self.store = store
        self.twilio = credentials.twilioAuthToken.map(TwilioRequestValidator.init(authToken:))
        self.sendgrid = try credentials.sendgridPublicKey.map { try SendGridEventVerifier(publicKey: $0, tolerance: credentials.timestampTolerance) }
        self.postmark = credentials.postmark.map { BasicCredentials(username: $0.username, password: $0.password) }
        self.help = help
        self.clock = clock
        self.metrics = FeedbackMetrics(factory: metrics)
        self.logger = logger
    }

    // MARK: - Twilio

    /// A status callback: the message's status moves forward; carrier errors 30003/30005/30006 suppress the number.
    /// - Parameter url: The full URL Twilio requested (public URL + path + query).
    package func twilioStatus(url: String, signature: String?, body: [UInt8]) async throws {
        let form = try verifiedTwilioForm(url: url, signature: signature, body: body)
        guard let report = try TwilioStatusCallback.report(form) else { return }
        try await record(report)
    }

    /// An inbound SMS: STOP (and its synonyms) suppresses the sender's number, START lifts that, HELP answers.
    /// - Returns: the TwiML to answer with.
    package func twilioInbound(url: String, signature: String?, body: [UInt8]) async throws -> String {
        let form = try verifiedTwilioForm(url: url, signature: signature, body: body)
        guard let from = form["From"], !from.isEmpty else { throw FeedbackError.invalidBody("From is required") }
        switch InboundKeyword(body: form["Body"], optOutType: form["OptOutType"]) {
        case .stop:
            let added = try await store.suppress(Suppression(
                channel: .sms, address: from, reason: .stop, provider: MessagingProvider.twilio.rawValue, deliveryId: nil,
                detail: form["Body"].map { String($0.prefix(40)) }, createdAt: clock.now()
            ))
            if added { metrics.suppression(channel: .sms, reason: .stop) }
            logger.notice("SMS opt-out received", metadata: ["added": "\(added)"])
            return TwiML.empty
        case .start:
            let removed = try await store.removeSuppression(channel: .sms, address: from)
            logger.notice("SMS opt-in received", metadata: ["was_suppressed": "\(removed != nil)"])
            return TwiML.empty
        case .help:
            var text = "\(help.businessName) billing reminders."
            let contacts = [help.supportEmail, help.supportPhone].compactMap { $0 }
            if !contacts.isEmpty { text += " Help: " + contacts.joined(separator: ", ") + "." }
            text += " Reply STOP to unsubscribe."
            return TwiML.message(text)
        case .other:
            return TwiML.empty
        }
    }

    private func verifiedTwilioForm(url: String, signature: String?, body: [UInt8]) throws -> FormParameters {
        guard let twilio else { throw FeedbackError.notConfigured("Twilio is not configured") }
        let form: FormParameters
        do {
            form = try FormParameters(body: body)
        } catch {
            // Unparseable bytes cannot carry a valid signature either: refuse as unauthenticated, before anything.
            throw FeedbackError.unauthenticated("signature does not match")
        }
        guard let signature, twilio.isValid(signature, url: url, parameters: form.pairs) else {
            throw FeedbackError.unauthenticated("X-Twilio-Signature does not match")
        }
        return form
    }

    // MARK: - SendGrid

    /// A signed Event Webhook batch. - Returns: how many events were about deliveries we know.
    @discardableResult
    package func sendgridEvents(signature: String?, timestamp: String?, body: [UInt8]) async throws -> Int {
        guard let sendgrid else { throw FeedbackError.notConfigured("SendGrid event webhook is not configured") }
        try sendgrid.verify(signature: signature, timestamp: timestamp, body: body, now: clock.now())
        var known = 0
        for report in try SendGridEvents.reports(body) where try await record(report) {
            known += 1
        }
        return known
    }

    // MARK: - Postmark

    /// One Postmark webhook, authenticated by the Basic credentials on its URL.
    package func postmark(authorization: String?, body: [UInt8]) async throws {
        guard let postmark else { throw FeedbackError.notConfigured("Postmark webhook is not configured") }
        try postmark.verify(authorization: authorization)
        guard let report = try PostmarkWebhook.report(body) else { return }
        try await record(report)
    }

    // MARK: - Recording

    /// - Returns: whether the report was about a delivery we know.
    @discardableResult
    private func record(_ report: ProviderStatusReport) async throws -> Bool {
        let recording = try await store.recordProviderStatus(report, at: clock.now())
        metrics.feedback(report)
        let (known, suppressed): (Bool, Bool) = switch recording {
        case .unknownMessage(let suppressed): (false, suppressed)
        case .recorded(_, let suppressed), .unchanged(_, let suppressed): (true, suppressed)
        }
        if suppressed, let reason = report.suppress { metrics.suppression(channel: report.provider.channel, reason: reason) }
        if !known { logger.info("provider feedback about an unknown message ignored", metadata: ["provider": "\(report.provider.rawValue)", "status": "\(report.status.rawValue)"]) }
        return known
    }
}

/// Twilio's answer format for messaging webhooks.
package enum TwiML {
    package static let contentType = "text/xml; charset=utf-8"
    package static let empty = #"<?xml version="1.0" encoding="UTF-8"?><Response/>"#

    package static func message(_ text: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><Response><Message>"# + escape(text) + "</Message></Response>"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
