import Foundation
import InvoiceDomain
import StoreSeams
import Logging

/// Takes one claimed delivery from `sending` to its next state: checks it is still wanted, renders its
/// template, sends it through the routed provider and records the attempt.
///
/// The invoice is checked when the delivery is picked up and again right before the provider call,
/// so a reminder never goes out for an invoice paid in between. The result is committed right after
/// the call returns, before anything else, so the window in which a crash could lose a successful
/// send (and a lease expiry resend it) is as small as the store allows.
struct DeliveryWorker: Sendable {
    /// The cancellation reason of a delivery whose recipient is on the suppression list.
    static let suppressedReason = "suppressed"
    /// Noted on the attempt (and so in the invoice timeline) when an in-doubt delivery was resent to a provider that
    /// offers no lookup.
    static let possibleDuplicateNote = "possible_duplicate: resent after an interrupted send; the provider offers no lookup"

    let store: any OutboxQueue
    let configuration: SchedulerConfiguration
    let router: ProviderRouter
    let templates: TemplateResolver
    let engine: TemplateEngine
    let clock: any WallClock
    let jitter: JitterSource
    let metrics: DeliveryMetrics
    let logger: Logger
    /// Results of concurrent deliveries are committed together (one transaction, one fsync); each worker
    /// still waits for its own to be durable before it goes on.
    let completions: GroupCommit<DeliveryCompletion, Bool>
    /// Where recipients refused for good at send time are suppressed; `nil` leaves them to the callbacks.
    var suppressions: (any SuppressionWriter)? = nil

    /// How many times a result is written before giving up (a failed write after a successful send
    /// would let the lease expire and the reminder go out again).
    static let completionAttempts = 3

    // MARK: - Entry point

    /// Processes `delivery`, claimed under `owner`'s lease. Never throws: store failures defer the delivery.
    /// - Parameters:
    ///   - templates: the tick's template lookups (a fresh set when `nil`).
    ///   - schedules: the tick's reminder schedules (a fresh set when `nil`).
    ///   - pickup: the check made when the batch was claimed; read now when `nil`.
    /// - Returns: how the delivery left this round.
    func process(
        _ delivery: Delivery, owner: String, templates: TickTemplates? = nil, schedules: TickSchedules? = nil, pickup: DeliveryCheck? = nil
    ) async -> DeliveryMetrics.Outcome {
        let schedules = schedules ?? TickSchedules(configuration)
        var logger = logger
        logger[metadataKey: "delivery_id"] = "\(delivery.id)"
        logger[metadataKey: "invoice_id"] = "\(delivery.invoiceId)"
        logger[metadataKey: "step"] = "\(delivery.step)"
        logger[metadataKey: "channel"] = "\(delivery.channel.rawValue)"
        do {
            switch try await prepare(delivery, templates: templates ?? TickTemplates(self.templates), schedules: schedules, pickup: pickup) {
            case .finish(let transition, let provider):
                return await finish(delivery, owner: owner, transition: transition, provider: provider, logger: logger)
            case .ready(let ready):
                for warning in ready.rendered.warnings {
                    logger.warning("template warning", metadata: ["template": "\(ready.template.templateId)", "warning": "\(warning)"])
                }
                return try await send(delivery, ready, owner: owner, schedules: schedules, logger: logger)
            }
        } catch {
            logger.error("store error while processing a delivery; deferring it", metadata: ["error": "\(error)"])
            let until = clock.now().addingTimeInterval(configuration.storeErrorDelay)
            return await finish(delivery, owner: owner, transition: .deferred(until: until, reason: "store error"), provider: nil, logger: logger)
        }
    }

    // MARK: - Before the call

    private struct Ready {
        var invoice: Invoice
        var recipient: String
        /// E-mail copies the step asks for.
        var cc: [String]
        var template: StoredTemplate
        var rendered: RenderedMessage
    }

    private enum Preparation {
        case finish(DeliveryTransition, provider: String?)
        case ready(Ready)
    }

    /// Everything up to choosing a provider: still wanted, recipient, quiet hours, template, rendering.
    private func prepare(
        _ delivery: Delivery, templates: TickTemplates, schedules: TickSchedules, pickup: DeliveryCheck?
    ) async throws -> Preparation {
        let now = clock.now()
        let check: DeliveryCheck
        if let pickup {
            check = pickup
        } else {
            check = try await store.deliveryCheck(invoiceId: delivery.invoiceId, channel: delivery.channel, deliveryId: nil)
        }
        guard let invoice = check.invoice else {
            return .finish(.cancelled(reason: "invoice not found"), provider: nil)
        }
        if let reason = stopReason(invoice, delivery, check: check, schedules: schedules, now: now) {
            return .finish(.cancelled(reason: reason), provider: nil)
        }
        let stored = delivery.recipient.flatMap { Self.usable($0, for: delivery.channel) }
        guard let recipient = stored ?? ReminderPlanner.recipient(for: delivery.channel, in: invoice.snapshot) else {
            return .finish(.failed(error: "no valid \(delivery.channel.rawValue) recipient"), provider: nil)
        }
        let zone = configuration.customerTimeZone(for: invoice)
        if let pause = Self.pause(of: invoice, delivery, now: now) {
            return .finish(pause, provider: nil)
        }
        let allowed = configuration.nextAllowed(delivery.channel, after: now, for: invoice)
        if allowed > now {
            return .finish(.deferred(until: allowed, reason: delivery.channel == .sms ? "quiet hours" : "outside the e-mail send window"), provider: nil)
        }

        let locale = configuration.customerLocale(for: invoice)
        guard let template = try await templates.resolve(channel: delivery.channel, kind: delivery.kind, locale: locale) else {
            let id = TemplateID(channel: delivery.channel, kind: delivery.kind, locale: locale)
            return .finish(.failed(error: "no template \(id) nor one for default locale \(configuration.defaultLocale)"), provider: nil)
        }
        let daysFromDue = invoice.snapshot.dueDate.map { configuration.policy.daysFromDue($0, now: now) } ?? 0
        let context = TemplateContext.make(
            invoice: invoice, business: configuration.business, locale: locale, timeZone: zone, now: now, daysFromDue: daysFromDue
        )
        let content = TemplateContent(subject: template.subject, html: template.html, text: template.text)
        do {
            let rendered = try engine.render(content, channel: delivery.channel, context: context)
            let cc = delivery.channel == .email ? copies(for: delivery, invoice: invoice, schedules: schedules) : []
            return .ready(Ready(invoice: invoice, recipient: recipient, cc: cc, template: template, rendered: rendered))
        } catch {
            return .finish(.failed(error: "template \(template.templateId) v\(template.version) rejected: \(error)"), provider: nil)
        }
    }

    /// Why the delivery must not be sent any more, or `nil` when it is still wanted.
    ///
    /// A receipt is wanted while the invoice is paid; any other message while the invoice is owed and its step is
    /// still in the invoice's schedule (``TickSchedules/schedule(for:)``), not skipped, and not superseded by a
    /// later step that is due.
    /// - Parameter check: the opt-out of the invoice's customer and the suppression of its address for the channel.
    private func stopReason(_ invoice: Invoice, _ delivery: Delivery, check: DeliveryCheck, schedules: TickSchedules, now: Date) -> String? {
        let isReceipt = delivery.kind == ReminderKind.paymentReceived.rawValue
        if isReceipt {
            guard invoice.status == .paid else { return "invoice is \(invoice.status.rawValue), not paid" }
            guard configuration.policy.receipt != .never else { return "receipts are turned off" }
        } else {
            guard invoice.isRemindable else {
                let owing = invoice.status == .open || invoice.status == .partiallyPaid
                return owing ? "nothing left to pay" : "invoice is \(invoice.status.rawValue)"
            }
        }
        if check.optedOut {
            return "customer opted out of \(delivery.channel.rawValue)"
        }
        if check.suppressed {
            return Self.suppressedReason
        }
        guard !isReceipt else { return nil }
        let schedule = schedules.schedule(for: invoice)
        guard let own = schedule.first(where: { $0.step.name == delivery.step }) else {
            return "step \(delivery.step) is no longer configured for this invoice"
        }
        if invoice.skippedSteps.contains(own.step.name) {
            return "step \(own.step.name) skipped by an operator"
        }
        if let current = ReminderPolicy.current(in: schedule, now: now), current.step.name != own.step.name, current.at > own.at {
            return "superseded by step \(current.step.name)"
        }
        return nil
    }

    /// The valid addresses a step's e-mail is copied to: the invoice's escalation address and/or the business's
    /// accounts-receivable address, as the step says.
    private func copies(for delivery: Delivery, invoice: Invoice, schedules: TickSchedules) -> [String] {
        guard let step = schedules.schedule(for: invoice).first(where: { $0.step.name == delivery.step })?.step else { return [] }
        var result: [String] = []
        if step.copyEscalationEmail, let address = invoice.snapshot.escalationEmail?.trimmed, ContactFormat.isValidEmail(address) {
            result.append(address)
        }
        if step.copyAccountsReceivable, let address = configuration.business.arEmail?.trimmed, ContactFormat.isValidEmail(address),
           !result.contains(where: { $0.lowercased() == address.lowercased() }) {
            result.append(address)
        }
        return result
    }

    /// A deferral to the end of the invoice's pause, when its reminders are paused at `now` (receipts are not paused).
    private static func pause(of invoice: Invoice, _ delivery: Delivery, now: Date) -> DeliveryTransition? {
        guard delivery.kind != ReminderKind.paymentReceived.rawValue, let until = invoice.remindersPausedUntil, until > now else { return nil }
        return .deferred(until: until, reason: DeliveryTransition.pausedReason)
    }

    private static func usable(_ recipient: String, for channel: Channel) -> String? {
        switch channel {
        case .email: ContactFormat.isValidEmail(recipient) ? recipient : nil
        case .sms: ContactFormat.isValidE164(recipient) ? recipient : nil
        }
    }

    // MARK: - The call

    private func send(
        _ delivery: Delivery, _ ready: Ready, owner: String, schedules: TickSchedules, logger: Logger
    ) async throws -> DeliveryMetrics.Outcome {
        let route: RoutedProvider
        switch router.acquire(delivery.channel, now: clock.now()) {
        case .noRoute:
            return await finish(delivery, owner: owner, transition: .failed(error: "no provider configured for \(delivery.channel.rawValue)"), provider: nil, logger: logger)
        case .wait(let until, let reason, let provider):
            if reason == .rateLimited { metrics.rateLimitWait(provider: provider) }
            return await finish(delivery, owner: owner, transition: .deferred(until: until, reason: "\(provider): \(reason.rawValue)"), provider: provider, logger: logger)
        case .send(let chosen, let wait):
            if wait > 0 {
                metrics.rateLimitWait(provider: chosen.name)
                try? await Task.sleep(for: .seconds(wait))
            }
            route = chosen
        }

        // Last look before the message leaves: the invoice may have been paid since the claim.
        // One read covers the invoice, the opt-out and (without a provider-side key) the lease.
        let now = clock.now()
        let check = try await store.deliveryCheck(
            invoiceId: delivery.invoiceId, channel: delivery.channel, deliveryId: route.carriesIdempotencyKey ? nil : delivery.id
        )
        guard let invoice = check.invoice else {
            return await finish(delivery, owner: owner, transition: .cancelled(reason: "invoice not found"), provider: nil, logger: logger)
        }
        if let reason = stopReason(invoice, delivery, check: check, schedules: schedules, now: now) {
            return await finish(delivery, owner: owner, transition: .cancelled(reason: reason), provider: nil, logger: logger)
        }
        if let pause = Self.pause(of: invoice, delivery, now: now) {
            return await finish(delivery, owner: owner, transition: pause, provider: nil, logger: logger)
        }
        if let expires = delivery.leaseExpiresAt, expires.timeIntervalSince(now) < configuration.sendBudget {
            // The lease could run out mid-call and another worker send it again: hand it back instead.
            return await finish(delivery, owner: owner, transition: .deferred(until: now, reason: "lease too short to send safely"), provider: nil, logger: logger)
        }
        if !route.carriesIdempotencyKey {
            // No provider-side key to fall back on: confirm the row is still ours in `sending` right before the call.
            guard let current = check.delivery, current.status == .sending, current.leaseOwner == owner else {
                logger.warning("lease lost before sending; another worker owns the delivery")
                metrics.delivery(channel: delivery.channel, provider: route.name, outcome: .leaseLost)
                return .leaseLost
            }
        }

        let message = OutboundMessage(
            channel: delivery.channel, to: ready.recipient, toName: invoice.snapshot.customerName,
            subject: ready.rendered.subject, html: ready.rendered.html, text: ready.rendered.text,
            idempotencyKey: delivery.idempotencyKey,
            tags: ["delivery_id": "\(delivery.id)", "step": delivery.step, "tag": delivery.kind],
            cc: ready.cc
        )
        var possibleDuplicate = false
        if delivery.inDoubt {
            switch await route.provider.lookUp(message) {
            case .found(let messageId):
                // The call before the crash went through: record it, send nothing.
                let transition = DeliveryTransition.sent(provider: route.name, messageId: messageId, templateId: ready.template.templateId, templateVersion: ready.template.version)
                let committed = await commit(delivery, owner: owner, attempt: nil, transition: transition, logger: logger)
                logger.notice("in-doubt reminder found at the provider; not sent again", metadata: ["provider": "\(route.name)"])
                let outcome = committed ? DeliveryOutcome.sent : .leaseLost
                metrics.delivery(channel: delivery.channel, provider: route.name, outcome: outcome)
                return outcome
            case .notFound:
                break
            case .unsupported:
                possibleDuplicate = true
                metrics.possibleDuplicate(provider: route.name)
                logger.warning("in-doubt reminder resent: the provider offers no lookup, the customer may get it twice", metadata: ["provider": "\(route.name)"])
            case .failed(let reason):
                // Sending now could duplicate; ask again after a backoff.
                let wait = jitter.delay(configuration.backoff, afterAttempt: max(1, delivery.attempts))
                let transition = DeliveryTransition.retry(at: clock.now().addingTimeInterval(wait), error: "in-doubt lookup failed: \(reason)")
                let committed = await commit(delivery, owner: owner, attempt: nil, transition: transition, logger: logger)
                let outcome = committed ? DeliveryOutcome.retry : .leaseLost
                metrics.delivery(channel: delivery.channel, provider: route.name, outcome: outcome)
                return outcome
            }
        }
        let startedAt = clock.now()
        let result = await route.provider.send(message)
        let attemptNumber = delivery.attempts + 1
        let transition = transition(for: result.outcome, attempt: attemptNumber, route: route, channel: delivery.channel, template: ready.template)
        let attempt = DeliveryAttempt(
            deliveryId: delivery.id, attemptNumber: attemptNumber, startedAt: startedAt, provider: route.name,
            httpStatus: result.httpStatus, outcome: Self.attemptOutcome(result.outcome),
            error: possibleDuplicate ? [Self.possibleDuplicateNote, Self.reason(result.outcome)].compactMap { $0 }.joined(separator: "; ") : Self.reason(result.outcome),
            latencyMs: result.latency * 1000
        )
        let committed = await commit(delivery, owner: owner, attempt: attempt, transition: transition, logger: logger)

        // Bookkeeping after the commit, so it never widens the window between send and record.
        let state = router.record(result.outcome, provider: route.name, now: clock.now())
        if let state { metrics.circuit(provider: route.name, state: state) }
        metrics.attemptDuration(provider: route.name, seconds: result.latency)
        if case .credentials(let reason) = result.outcome {
            metrics.credentialFailure(provider: route.name)
            logger.critical("provider refused our credentials; its circuit is open", metadata: [
                "provider": "\(route.name)", "reason": "\(reason)", "http_status": "\(result.httpStatus.map(String.init) ?? "none")",
            ])
        }
        if let reason = result.suppression {
            await suppress(ready.recipient, channel: delivery.channel, reason: reason, provider: route.name, delivery: delivery, detail: Self.reason(result.outcome), logger: logger)
        }
        let outcome = committed ? Self.outcome(of: transition) : .leaseLost
        if outcome == .retry { metrics.retry(provider: route.name) }
        metrics.delivery(channel: delivery.channel, provider: route.name, outcome: outcome)
        log(outcome, transition: transition, provider: route.name, attempt: attemptNumber, logger: logger)
        return outcome
    }

    /// The outbox transition for a provider's answer to attempt number `attempt`.
    private func transition(
        for outcome: SendOutcome, attempt: Int, route: RoutedProvider, channel: Channel, template: StoredTemplate
    ) -> DeliveryTransition {
        let now = clock.now()
        let backoff = configuration.backoff
        switch outcome {
        case .sent(let messageId):
            return .sent(provider: route.name, messageId: messageId, templateId: template.templateId, templateVersion: template.version)
        case .retryable(let reason, let retryAfter):
            guard backoff.allowsRetry(afterAttempt: attempt) else {
                return .dead(error: "attempts exhausted (\(attempt)): \(reason)")
            }
            let wait = max(retryAfter ?? 0, jitter.delay(backoff, afterAttempt: attempt))
            return .retry(at: now.addingTimeInterval(wait), error: reason)
        case .permanent(let reason):
            return .failed(error: reason)
        case .credentials(let reason):
            guard router.hasAlternative(to: route.name, on: channel), backoff.allowsRetry(afterAttempt: attempt) else {
                return .failed(error: reason)
            }
            return .retry(at: now, error: "\(reason) (failing over)")
        }
    }

    // MARK: - Recording

    /// Puts a recipient the provider refused for good on the suppression list (a failure is logged: the delivery's
    /// own failure is already recorded, and the next send to the address fails the same way).
    private func suppress(
        _ address: String, channel: Channel, reason: SuppressionReason, provider: String, delivery: Delivery, detail: String?, logger: Logger
    ) async {
        guard let suppressions else { return }
        do {
            try await suppressions.suppress(Suppression(
                channel: channel, address: address, reason: reason, provider: provider, deliveryId: delivery.id, detail: detail, createdAt: clock.now()
            ))
            logger.notice("recipient suppressed after the provider refused it", metadata: ["channel": "\(channel.rawValue)", "reason": "\(reason.rawValue)"])
        } catch {
            logger.error("could not record a suppression", metadata: ["error": "\(error)"])
        }
    }

    /// Writes the attempt and transition, retrying a failing store a few times.
    /// - Returns: `false` when the lease was lost (or the store kept failing).
    private func commit(
        _ delivery: Delivery, owner: String, attempt: DeliveryAttempt?, transition: DeliveryTransition, logger: Logger
    ) async -> Bool {
        for round in 1...Self.completionAttempts {
            do {
                let held = try await completions.submit(DeliveryCompletion(
                    deliveryId: delivery.id, owner: owner, attempt: attempt, transition: transition, now: clock.now()
                ))
                if !held {
                    logger.error("lease lost before the result was recorded; another worker owns the delivery", metadata: ["attempt_outcome": "\(attempt?.outcome ?? "none")"])
                }
                return held
            } catch {
                logger.error("could not record a delivery attempt", metadata: ["error": "\(error)", "round": "\(round)"])
                if round < Self.completionAttempts { try? await Task.sleep(for: .milliseconds(50 * round * round)) }
            }
        }
        logger.critical("delivery result not recorded; it will be retried when its lease expires", metadata: ["attempt_outcome": "\(attempt?.outcome ?? "none")"])
        return false
    }

    /// Applies a transition that involved no provider call.
    private func finish(
        _ delivery: Delivery, owner: String, transition: DeliveryTransition, provider: String?, logger: Logger
    ) async -> DeliveryMetrics.Outcome {
        let outcome: DeliveryMetrics.Outcome
        do {
            let held = try await completions.submit(DeliveryCompletion(
                deliveryId: delivery.id, owner: owner, attempt: nil, transition: transition, now: clock.now()
            ))
            outcome = held ? Self.outcome(of: transition) : .leaseLost
        } catch {
            // The lease expires and the delivery is claimed again; nothing was sent.
            logger.error("could not record a delivery transition", metadata: ["error": "\(error)"])
            return .deferred
        }
        metrics.delivery(channel: delivery.channel, provider: provider, outcome: outcome)
        log(outcome, transition: transition, provider: provider, attempt: nil, logger: logger)
        return outcome
    }

    private func log(_ outcome: DeliveryMetrics.Outcome, transition: DeliveryTransition, provider: String?, attempt: Int?, logger: Logger) {
        var metadata: Logger.Metadata = ["outcome": "\(outcome.rawValue)"]
        if let provider { metadata["provider"] = "\(provider)" }
        if let attempt { metadata["attempt"] = "\(attempt)" }
        switch transition {
        case .sent:
            logger.info("reminder sent", metadata: metadata)
        case .retry(let at, let error):
            metadata["retry_at"] = "\(at)"
            metadata["error"] = "\(error)"
            logger.warning("reminder send failed; retry scheduled", metadata: metadata)
        case .failed(let error), .dead(let error):
            metadata["error"] = "\(error)"
            logger.error("reminder not delivered", metadata: metadata)
        case .cancelled(let reason):
            metadata["reason"] = "\(reason)"
            logger.info("reminder cancelled", metadata: metadata)
        case .deferred(let until, let reason):
            metadata["until"] = "\(until)"
            metadata["reason"] = "\(reason ?? "")"
            logger.debug("reminder deferred", metadata: metadata)
        }
    }

    // MARK: - Mapping

    static func outcome(of transition: DeliveryTransition) -> DeliveryMetrics.Outcome {
        switch transition {
        case .sent: .sent
        case .retry: .retry
        case .failed: .failed
        case .dead: .dead
        case .cancelled: .cancelled
        case .deferred: .deferred
        }
    }

    /// The attempt's `outcome` column: `sent`, `retryable`, `permanent`, `credentials`.
    static func attemptOutcome(_ outcome: SendOutcome) -> String {
        switch outcome {
        case .sent: "sent"
        case .retryable: "retryable"
        case .permanent: "permanent"
        case .credentials: "credentials"
        }
    }

    static func reason(_ outcome: SendOutcome) -> String? {
        switch outcome {
        case .sent: nil
        case .retryable(let reason, _), .permanent(let reason), .credentials(let reason): reason
        }
    }
}
