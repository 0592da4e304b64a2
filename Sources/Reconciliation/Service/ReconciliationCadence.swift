package import Foundation

/// Chooses how long to wait before the next poll: the normal interval while webhooks look healthy, the fast one
/// while they do not. Pure: the service gathers the signals, this decides.
package struct ReconciliationCadence: Sendable, Equatable {
    /// Why the cadence is what it is.
    package enum Reason: String, Sendable, Equatable {
        case healthy
        /// No webhook for ``ReconciliationCadence/webhookSilence`` while the last poll found events webhooks had not
        /// delivered.
        case webhookSilence = "webhook_silence"
        /// At least ``ReconciliationCadence/signatureFailureBurst`` signature failures within one normal interval
        /// (typically a webhook secret rotated on the provider's side but not here).
        case signatureFailures = "signature_failures"
    }

    /// What the service knows about webhook health when it decides.
    package struct Signals: Sendable, Equatable {
        /// When the newest webhook-origin event was received; `nil` when none ever was.
        package var lastWebhookAt: Date?
        /// The last poll stored events we did not have.
        package var lastRunFoundNewEvents: Bool
        /// Signature failures within the last normal interval.
        package var recentSignatureFailures: Int

        package init(lastWebhookAt: Date?, lastRunFoundNewEvents: Bool, recentSignatureFailures: Int) {
            self.lastWebhookAt = lastWebhookAt
            self.lastRunFoundNewEvents = lastRunFoundNewEvents
            self.recentSignatureFailures = recentSignatureFailures
        }
    }

    /// Seconds between polls normally.
    package var interval: TimeInterval
    /// Seconds between polls while webhooks look unhealthy.
    package var fastInterval: TimeInterval
    /// Webhooks silent this long (while the provider shows new events) count as unhealthy.
    package var webhookSilence: TimeInterval
    /// This many signature failures within ``interval`` count as unhealthy.
    package var signatureFailureBurst: Int

    package init(interval: TimeInterval = 300, fastInterval: TimeInterval = 30, webhookSilence: TimeInterval = 900, signatureFailureBurst: Int = 5) {
        self.interval = max(interval, 1)
        self.fastInterval = min(max(fastInterval, 1), max(interval, 1))
        self.webhookSilence = webhookSilence
        self.signatureFailureBurst = max(signatureFailureBurst, 1)
    }

    /// The wait before the next poll and why.
    package func next(_ signals: Signals, now: Date) -> (interval: TimeInterval, reason: Reason) {
        if signals.recentSignatureFailures >= signatureFailureBurst {
            return (fastInterval, .signatureFailures)
        }
        let silent = signals.lastWebhookAt.map { now.timeIntervalSince($0) >= webhookSilence } ?? true
        if silent, signals.lastRunFoundNewEvents {
            return (fastInterval, .webhookSilence)
        }
        return (interval, .healthy)
    }
}
