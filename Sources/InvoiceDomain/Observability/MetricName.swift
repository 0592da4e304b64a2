/// Every metric the service emits, by name.
///
/// The code that emits a metric and the alert rules that read it (`AlertSignals`) use these values, so renaming a
/// metric cannot silently disable an alert; `config/prometheus-alerts.yml` names them too, and a test checks
/// that every name it uses is one of these.
package enum MetricName: String, Sendable, CaseIterable {
    /// `{source, outcome}`: outcomes are an event status, `duplicate`, or a ``WebhookOutcome/rejected(_:)`` reason.
    case webhooksReceived = "invoice_relay_webhooks_received_total"
    /// `{source}`: from the first byte read to the answer.
    case webhookIngestDuration = "invoice_relay_webhook_ingest_duration_seconds"
    /// `{channel, provider, outcome}`: outcomes are ``DeliveryOutcome``s.
    case deliveries = "invoice_relay_deliveries_total"
    /// `{provider}`: one provider call.
    case deliveryAttemptDuration = "invoice_relay_delivery_attempt_duration_seconds"
    /// `{provider}`.
    case deliveryRetries = "invoice_relay_delivery_retries_total"
    /// `{provider}`: 0 closed, 1 half-open, 2 open.
    case circuitState = "invoice_relay_circuit_state"
    /// `{provider}`: a send waited for (or was deferred by) a token bucket.
    case rateLimitWaits = "invoice_relay_rate_limit_waits_total"
    /// `{provider}`: a provider refused our credentials (401/403).
    case providerCredentialFailures = "invoice_relay_provider_credential_failures_total"
    /// Pending and retry-scheduled deliveries.
    case outboxPending = "invoice_relay_outbox_pending"
    case outboxOldestDueAge = "invoice_relay_outbox_oldest_due_age_seconds"
    /// `{outcome}`: how a reconciliation run ended.
    case reconciliationRuns = "invoice_relay_reconciliation_runs_total"
    case reconciliationEventsRecovered = "invoice_relay_reconciliation_events_recovered_total"
    case reconciliationDriftCorrections = "invoice_relay_reconciliation_drift_corrections_total"
    case reconciliationAPIVersionDrift = "invoice_relay_reconciliation_api_version_drift_total"
    case reconciliationLag = "invoice_relay_reconciliation_lag_seconds"
    /// `{provider, status}`: provider callbacks about our messages (``ProviderStatus``).
    case deliveryFeedback = "invoice_relay_delivery_feedback_total"
    /// `{channel, reason}`: addresses added to the suppression list (``SuppressionReason``).
    case suppressions = "invoice_relay_suppressions_total"
    /// `{provider}`: an in-doubt delivery resent to a provider that offers no lookup (the customer may get it twice).
    case possibleDuplicates = "invoice_relay_possible_duplicates_total"
    /// `{alert}`: 1 while the alert fires.
    case alertActive = "invoice_relay_alert_active"
    /// `{role}`: 1 while this relay holds the singleton role (``LeaderRole``), 0 otherwise. Always 1 on SQLite.
    case leader = "invoice_relay_leader"
}

/// The label (dimension) names of ``MetricName``s.
package enum MetricLabel: String, Sendable {
    case source, outcome, channel, provider, alert, status, reason, role
}

/// The singleton roles relays sharing one database take turns on: the `role` label of ``MetricName/leader``.
package enum LeaderRole: String, Sendable, CaseIterable {
    /// Choosing due reminders and enqueueing them (sending is shared: every relay claims from the outbox).
    case reminderPlanning = "reminder_planning"
    /// Polling the provider's API for missed events.
    case reconciliation
}

/// How a delivery left a processing round: the `outcome` label of ``MetricName/deliveries``.
package enum DeliveryOutcome: String, Sendable, CaseIterable {
    case sent, retry, failed, dead, cancelled, deferred
    /// `complete` found the lease gone: another worker owns the delivery now.
    case leaseLost = "lease_lost"

    /// Whether the outcome counts against the delivery error rate (alerts): anything but a message sent, one that
    /// must not be sent, or one waiting for its turn.
    package var countsAsError: Bool {
        switch self {
        case .sent, .cancelled, .deferred: false
        case .retry, .failed, .dead, .leaseLost: true
        }
    }
}

/// The `outcome` label values of ``MetricName/webhooksReceived`` that are not an event status.
package enum WebhookOutcome {
    package static let duplicate = "duplicate"
    private static let rejectedPrefix = "rejected_"

    /// A webhook answered with an error, e.g. `rejected_signature_mismatch`.
    package static func rejected(_ reason: String) -> String { rejectedPrefix + reason }

    /// Whether `outcome` is a rejection (counts against the webhook error rate).
    package static func isRejection(_ outcome: String) -> Bool { outcome.hasPrefix(rejectedPrefix) }
}
