import Foundation
package import InvoiceDomain

/// How a stored invoice differs from the provider's object: the fields reconciliation corrects and reports, the
/// same for every storage backend.
package enum InvoiceDrift {
    /// Field-by-field comparison of what matters for reminders and reporting.
    package static func differences(ours: Invoice?, theirs: Invoice) -> [(field: String, ours: String?, theirs: String?)] {
        guard let ours else { return [("invoice", nil, "created from provider")] }
        let a = ours.snapshot, b = theirs.snapshot
        var out: [(String, String?, String?)] = []
        func compare(_ field: String, _ x: String?, _ y: String?) { if x != y { out.append((field, x, y)) } }
        compare("status", ours.status.rawValue, theirs.status.rawValue)
        compare("amount_due", String(a.amountDue), String(b.amountDue))
        compare("amount_paid", String(a.amountPaid), String(b.amountPaid))
        compare("amount_remaining", String(a.amountRemaining), String(b.amountRemaining))
        compare("currency", a.currency, b.currency)
        compare("due_date", a.dueDate.map { String(Int64($0.timeIntervalSince1970)) }, b.dueDate.map { String(Int64($0.timeIntervalSince1970)) })
        compare("customer_email", a.customerEmail, b.customerEmail)
        compare("customer_phone", a.customerPhone, b.customerPhone)
        // Dunning: a missed retry or a changed collection method changes which messages are due.
        compare("collection_method", a.collectionMethod, b.collectionMethod)
        compare("next_payment_attempt", a.nextPaymentAttempt.map { String(Int64($0.timeIntervalSince1970)) }, b.nextPaymentAttempt.map { String(Int64($0.timeIntervalSince1970)) })
        compare("attempt_count", String(a.attemptCount), String(b.attemptCount))
        return out
    }
}
