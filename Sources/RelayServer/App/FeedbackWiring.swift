import CoreMetrics
import DeliveryFeedback
import Foundation
import StoreSeams
import InvoiceDomain
import InvoiceStore
import Logging

extension RelayApp {
    /// The callback processor: each provider's endpoint works once its credentials are configured (Twilio: its
    /// provider settings; SendGrid: `callbacks.sendgridPublicKey`; Postmark: `callbacks.postmarkUsername/Password`).
    /// - Throws: ``ConfigurationError`` for a missing secret or an unusable key.
    static func makeFeedbackProcessor(
        _ config: RelayConfiguration, secrets: SecretResolver, store: any FeedbackStore, clock: any WallClock, metrics: any MetricsFactory, logger: Logger
    ) throws -> FeedbackProcessor {
        var credentials = FeedbackProcessor.Credentials(sendgridPublicKey: config.callbacks.sendgridPublicKey, timestampTolerance: config.callbacks.toleranceSeconds)
        if let twilio = config.providers.twilio, twilio.enabled {
            credentials.twilioAuthToken = try secrets.resolve(twilio.credential)
        }
        if let username = config.callbacks.postmarkUsername, let password = config.callbacks.postmarkPassword {
            credentials.postmark = (
                try secrets.require(username, for: "callbacks.postmarkUsername"), try secrets.require(password, for: "callbacks.postmarkPassword")
            )
        }
        let business = config.business
        do {
            return try FeedbackProcessor(
                store: store, credentials: credentials,
                help: .init(businessName: business.name, supportEmail: business.supportEmail, supportPhone: business.supportPhone),
                clock: clock, metrics: metrics, logger: logger
            )
        } catch FeedbackError.configuration(let reason) {
            throw ConfigurationError("callbacks.sendgridPublicKey: \(reason)")
        }
    }
}

extension RelayConfiguration {
    /// Where Twilio posts status callbacks: `server.publicURL` + `/callbacks/twilio/status`; `nil` without a public URL.
    var twilioStatusCallbackURL: String? {
        guard let publicURL = server.publicURL else { return nil }
        var base = publicURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + CallbackPath.twilioStatus
    }
}
