package import Foundation
import InvoiceDomain
import StoreSeams

extension AdminService {
    /// Longest pause note kept.
    static let maxPauseNoteLength = 500

    /// Holds back every reminder of an invoice until `until` (receipts excepted). Queued reminders wait for the end
    /// of the pause; afterwards only the latest due step is sent (the catch-up rule).
    /// - Throws: ``AdminError`` `invoice_not_found`; `invalid_parameter` for a time not in the future or a note over
    ///   500 characters.
    package func pauseReminders(invoiceId: String, until: Date, note: String?, actor: String) async throws -> InvoiceView {
        let now = clock.now()
        guard until > now else {
            throw AdminError.badRequest("invalid_parameter", "until must be in the future")
        }
        let note = note?.trimmed
        if let note, note.count > Self.maxPauseNoteLength {
            throw AdminError.badRequest("invalid_parameter", "note is longer than \(Self.maxPauseNoteLength) characters")
        }
        guard let invoice = try await store.setReminderPause(invoiceId: invoiceId, until: until, note: note?.isEmpty == true ? nil : note, now: now) else {
            throw Self.invoiceNotFound(invoiceId)
        }
        var detail = ["until": ISO8601DateFormatter().string(from: until)]
        if let note = invoice.pauseNote { detail["note"] = note }
        try await record(actor, "invoice.pause", target: "invoice:\(invoiceId)", detail: detail)
        return InvoiceView(invoice, now: now)
    }

    /// Ends an invoice's pause now; reminders it held back become due at once.
    /// - Throws: ``AdminError`` `invoice_not_found`.
    package func resumeReminders(invoiceId: String, actor: String) async throws -> InvoiceView {
        guard let invoice = try await store.setReminderPause(invoiceId: invoiceId, until: nil, note: nil, now: clock.now()) else {
            throw Self.invoiceNotFound(invoiceId)
        }
        try await record(actor, "invoice.resume", target: "invoice:\(invoiceId)")
        return InvoiceView(invoice, now: clock.now())
    }

    /// Skips one step of an invoice: `step` by name, or when `nil` the next one (the earliest step of the invoice's
    /// schedule that is not due yet and not skipped already).
    /// - Throws: ``AdminError`` `invoice_not_found`; `no_next_step` (409) when nothing is left to skip;
    ///   `invalid_parameter` for a step the invoice's schedule does not have.
    package func skipStep(invoiceId: String, step: String?, actor: String) async throws -> SkipResult {
        guard let invoice = try await store.invoice(id: invoiceId) else { throw Self.invoiceNotFound(invoiceId) }
        let now = clock.now()
        let chosen = invoice.snapshot.reminderPolicy.flatMap { namedPolicies[$0] } ?? policy
        let schedule = chosen.schedule(for: invoice, anchored: chosen.schedule(dueDate:))
        let skipped: String
        if let step {
            guard schedule.contains(where: { $0.step.name == step }) else {
                let names = schedule.map(\.step.name).joined(separator: ", ")
                throw AdminError.badRequest("invalid_parameter", "invoice \(invoiceId) has no step '\(step)' (its steps: \(names.isEmpty ? "none" : names))")
            }
            skipped = step
        } else {
            let upcoming = schedule.filter { $0.at > now && !invoice.skippedSteps.contains($0.step.name) }.min { $0.at < $1.at }
            guard let upcoming else {
                throw AdminError.conflict("no_next_step", "invoice \(invoiceId) has no step left to skip")
            }
            skipped = upcoming.step.name
        }
        let names = invoice.skippedSteps.contains(skipped) ? invoice.skippedSteps : invoice.skippedSteps + [skipped]
        guard let updated = try await store.setSkippedSteps(invoiceId: invoiceId, names) else { throw Self.invoiceNotFound(invoiceId) }
        try await record(actor, "invoice.skip_step", target: "invoice:\(invoiceId)", detail: ["step": skipped])
        return SkipResult(invoice: InvoiceView(updated, now: now), skippedStep: skipped)
    }

    /// Excludes a customer from every reminder channel (or includes them again): an opt-out of each channel,
    /// audited as an operator's decision.
    /// - Throws: ``AdminError`` `invalid_parameter` for an empty customer id.
    package func setCustomerExcluded(customerId: String, excluded: Bool, actor: String) async throws -> CustomerExclusion {
        let id = customerId.trimmed
        guard !id.isEmpty else { throw AdminError.badRequest("invalid_parameter", "customer id is empty") }
        let now = clock.now()
        for channel in Channel.allCases {
            try await store.setOptOut(customerId: id, channel: channel, optedOut: excluded, now: now)
        }
        try await record(actor, excluded ? "customer.exclude" : "customer.include", target: "customer:\(id)")
        return CustomerExclusion(customerId: id, excluded: excluded)
    }

    static func invoiceNotFound(_ id: String) -> AdminError {
        AdminError.notFound("invoice_not_found", "no invoice '\(id)'")
    }
}
