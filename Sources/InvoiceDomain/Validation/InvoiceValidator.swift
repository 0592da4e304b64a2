/// Checks an ``InvoiceSnapshot`` before it reaches the state machine, so bad provider data is
/// quarantined with a reason instead of producing a wrong reminder.
package enum InvoiceValidator {
    /// Every problem found, each a short sentence naming the field; empty means valid.
    ///
    /// Checks: a non-empty invoice id; the currency is an active ISO 4217 code written upper-case;
    /// amounts and attempt count are not negative; the e-mail and phone, when present, pass ``ContactFormat``.
    package static func problems(in snapshot: InvoiceSnapshot) -> [String] {
        var problems: [String] = []
        if snapshot.providerInvoiceId.isEmpty {
            problems.append("invoice id is empty")
        }
        if Currency.iso(snapshot.currency) == nil {
            problems.append("currency '\(snapshot.currency.prefix(16))' is not an ISO 4217 code")
        } else if snapshot.currency != snapshot.currency.uppercased() {
            problems.append("currency '\(snapshot.currency)' is not upper-case")
        }
        for (name, amount) in [("amount_due", snapshot.amountDue), ("amount_paid", snapshot.amountPaid), ("amount_remaining", snapshot.amountRemaining)]
        where amount < 0 {
            problems.append("\(name) \(amount) is negative")
        }
        if snapshot.attemptCount < 0 {
            problems.append("attempt_count \(snapshot.attemptCount) is negative")
        }
        if let email = snapshot.customerEmail, !ContactFormat.isValidEmail(email) {
            problems.append("customer email is not a valid address")
        }
        if let phone = snapshot.customerPhone, !ContactFormat.isValidE164(phone) {
            problems.append("customer phone is not an E.164 number")
        }
        return problems
    }
}
