package import Foundation

// MARK: - Reconciliation

/// Polling the provider's API for events webhooks missed (see README "Reconciliation").
package struct ReconciliationSettings: Sendable, Decodable {
    package var enabled = false
    /// The webhook source whose events are reconciled (events are keyed `(source, evt_id)`).
    package var source = "stripe"
    package var baseURL = URL(string: "https://api.stripe.com")!
    package var secretKey = SecretReference(env: "STRIPE_SECRET_KEY")
    /// Pinned API version sent as `Stripe-Version`.
    package var stripeVersion = "2024-06-20"
    package var intervalSeconds = 300.0
    /// Used while webhooks look unhealthy (silence or signature failures).
    package var fastIntervalSeconds = 30.0
    /// Re-read this far behind the cursor to catch events with equal or late `created`.
    package var overlapSeconds = 300.0
    package var pageLimit = 100
    package var requestsPerSecond = 20.0
    /// Webhooks silent this long while the provider shows new events → poll fast.
    package var webhookSilenceSeconds = 900.0
    /// This many signature failures within `intervalSeconds` → poll fast.
    package var signatureFailureBurst = 5
    /// Stripe keeps events 30 days; a gap longer than this falls back to an invoice sweep.
    package var eventRetentionDays = 30
    package var timeoutSeconds = 20.0
    package var maxRetries = 5

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, source, baseURL, secretKey, stripeVersion, intervalSeconds, fastIntervalSeconds, overlapSeconds, pageLimit
        case requestsPerSecond, webhookSilenceSeconds, signatureFailureBurst, eventRetentionDays, timeoutSeconds, maxRetries
    }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, default: enabled)
        source = try c.value(.source, default: source)
        baseURL = try c.httpURL(.baseURL, default: baseURL)
        secretKey = try c.value(.secretKey, default: secretKey)
        stripeVersion = try c.value(.stripeVersion, default: stripeVersion)
        intervalSeconds = try c.value(.intervalSeconds, default: intervalSeconds)
        fastIntervalSeconds = try c.value(.fastIntervalSeconds, default: fastIntervalSeconds)
        overlapSeconds = try c.value(.overlapSeconds, default: overlapSeconds)
        pageLimit = try c.value(.pageLimit, default: pageLimit)
        requestsPerSecond = try c.value(.requestsPerSecond, default: requestsPerSecond)
        webhookSilenceSeconds = try c.value(.webhookSilenceSeconds, default: webhookSilenceSeconds)
        signatureFailureBurst = try c.value(.signatureFailureBurst, default: signatureFailureBurst)
        eventRetentionDays = try c.value(.eventRetentionDays, default: eventRetentionDays)
        timeoutSeconds = try c.value(.timeoutSeconds, default: timeoutSeconds)
        maxRetries = try c.value(.maxRetries, default: maxRetries)
    }
}

// MARK: - Alerts

/// Thresholds evaluated over a sliding window; active alerts show as `invoice_relay_alert_active{alert=...}`.
package struct AlertSettings: Sendable, Decodable {
    package var windowSeconds = 300.0
    package var evaluateEverySeconds = 15.0
    package var ingestP95Seconds = 0.5
    package var deliveryP95Seconds = 0.5
    package var errorRate = 0.05
    package var circuitOpenSeconds = 300.0
    package var reconciliationLagSeconds = 1800.0
    /// E-mail hard bounces and complaints over delivered-or-bounced e-mails in the window (the limits mailbox
    /// providers enforce: 5 % and 0.1 %).
    package var hardBounceRate = 0.05
    package var complaintRate = 0.001
    /// Slack-compatible incoming webhook URL to POST alert changes to (optional).
    package var webhookURL: URL?

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable {
        case windowSeconds, evaluateEverySeconds, ingestP95Seconds, deliveryP95Seconds, errorRate, circuitOpenSeconds, reconciliationLagSeconds, webhookURL
        case hardBounceRate, complaintRate
    }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        windowSeconds = try c.value(.windowSeconds, default: windowSeconds)
        evaluateEverySeconds = try c.value(.evaluateEverySeconds, default: evaluateEverySeconds)
        ingestP95Seconds = try c.value(.ingestP95Seconds, default: ingestP95Seconds)
        deliveryP95Seconds = try c.value(.deliveryP95Seconds, default: deliveryP95Seconds)
        errorRate = try c.value(.errorRate, default: errorRate)
        circuitOpenSeconds = try c.value(.circuitOpenSeconds, default: circuitOpenSeconds)
        reconciliationLagSeconds = try c.value(.reconciliationLagSeconds, default: reconciliationLagSeconds)
        hardBounceRate = try c.value(.hardBounceRate, default: hardBounceRate)
        complaintRate = try c.value(.complaintRate, default: complaintRate)
        webhookURL = try c.httpURLIfPresent(.webhookURL)
    }
}
