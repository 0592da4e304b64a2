import Foundation
import InvoiceDomain
import Logging
import PostgresNIO
import StoreSeams

/// Reading and writing `invoice` rows.
enum InvoiceRows {
    static let columns = """
        id, source, number, customer_id, customer_name, customer_email, customer_phone, customer_locale, customer_time_zone,
        currency, amount_due, amount_paid, amount_remaining, due_date, status, provider_status, hosted_invoice_url,
        attempt_count, last_payment_error, last_event_at, last_event_id, created_at, updated_at, collection_method,
        next_payment_attempt, billing_reason, reminder_policy, escalation_email, last_payment_failed_at, action_required_at,
        reminders_paused_until, pause_note, skipped_steps
        """

    /// The columns an event writes (``upsert(_:createdAt:updatedAt:_:logger:)``): all but the operator's pause and skips.
    static let writtenColumns = """
        id, source, number, customer_id, customer_name, customer_email, customer_phone, customer_locale, customer_time_zone,
        currency, amount_due, amount_paid, amount_remaining, due_date, status, provider_status, hosted_invoice_url,
        attempt_count, last_payment_error, last_event_at, last_event_id, created_at, updated_at, collection_method,
        next_payment_attempt, billing_reason, reminder_policy, escalation_email, last_payment_failed_at, action_required_at
        """

    static func invoice(_ row: PostgresRandomAccessRow) throws -> Invoice {
        let status: String = try row.value("status")
        return Invoice(
            source: try row.value("source"),
            snapshot: InvoiceSnapshot(
                providerInvoiceId: try row.value("id"), number: try row.value("number"), customerId: try row.value("customer_id"),
                customerName: try row.value("customer_name"), customerEmail: try row.value("customer_email"),
                customerPhone: try row.value("customer_phone"), customerLocale: try row.value("customer_locale"),
                customerTimeZone: try row.value("customer_time_zone"), currency: try row.value("currency"),
                amountDue: try row.value("amount_due"), amountPaid: try row.value("amount_paid"),
                amountRemaining: try row.value("amount_remaining"), dueDate: try row.value("due_date"),
                providerStatus: try row.value("provider_status"), hostedInvoiceURL: try row.value("hosted_invoice_url"),
                attemptCount: Int(try row.value("attempt_count", as: Int64.self)), lastPaymentError: try row.value("last_payment_error"),
                collectionMethod: try row.value("collection_method"), nextPaymentAttempt: try row.value("next_payment_attempt"),
                billingReason: try row.value("billing_reason"), reminderPolicy: try row.value("reminder_policy"),
                escalationEmail: try row.value("escalation_email")
            ),
            status: InvoiceStatus(rawValue: status) ?? .open,
            lastEventAt: try row.value("last_event_at"),
            lastEventId: try row.value("last_event_id"),
            lastPaymentFailedAt: try row.value("last_payment_failed_at"),
            actionRequiredAt: try row.value("action_required_at"),
            remindersPausedUntil: try row.value("reminders_paused_until"),
            pauseNote: try row.value("pause_note"),
            skippedSteps: stepNames(try row.value("skipped_steps"))
        )
    }

    /// The step names of the `skipped_steps` column (a JSON array); an unreadable value reads as none.
    static func stepNames(_ json: String?) -> [String] {
        guard let json, let names = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else { return [] }
        return names
    }

    /// The `skipped_steps` column for `names`: `NULL` when empty.
    static func stepNamesColumn(_ names: [String]) -> String? {
        guard !names.isEmpty, let data = try? JSONEncoder().encode(names) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The stored invoice with `id`, or `nil`.
    static func fetch(id: String, _ connection: PostgresConnection, logger: Logger) async throws -> (invoice: Invoice, createdAt: Date)? {
        let rows = try await connection.query("SELECT \(unescaped: columns) FROM invoice WHERE id = \(id)", logger: logger).rows()
        guard let row = rows.first else { return nil }
        return (try invoice(row), try row.value("created_at"))
    }

    /// What the state machine needs of the stored invoice.
    static func lastApplied(id: String, _ connection: PostgresConnection, logger: Logger) async throws -> InvoiceStateMachine.LastApplied? {
        let rows = try await connection.query(
            "SELECT status, amount_paid, attempt_count, last_event_at, last_event_id FROM invoice WHERE id = \(id)", logger: logger
        ).rows()
        guard let row = rows.first else { return nil }
        let status: String = try row.value("status")
        return InvoiceStateMachine.LastApplied(
            status: InvoiceStatus(rawValue: status) ?? .open, amountPaid: try row.value("amount_paid"),
            attemptCount: Int(try row.value("attempt_count", as: Int64.self)), eventAt: try row.value("last_event_at"),
            eventId: try row.value("last_event_id")
        )
    }

    /// Inserts `invoice`, or overwrites the stored row with it (keeping the row's `created_at`). The times of the
    /// latest payment failure and action request are only ever set: an event of another kind (which carries `nil`)
    /// keeps the stored ones. The operator's pause and skips are never written here.
    static func upsert(_ invoice: Invoice, createdAt: Date, updatedAt: Date, _ connection: PostgresConnection, logger: Logger) async throws {
        let s = invoice.snapshot
        try await connection.query("""
            INSERT INTO invoice (\(unescaped: writtenColumns))
            VALUES (\(s.providerInvoiceId), \(invoice.source), \(s.number), \(s.customerId), \(s.customerName), \(s.customerEmail),
                    \(s.customerPhone), \(s.customerLocale), \(s.customerTimeZone), \(s.currency), \(s.amountDue), \(s.amountPaid),
                    \(s.amountRemaining), \(s.dueDate), \(invoice.status.rawValue), \(s.providerStatus), \(s.hostedInvoiceURL),
                    \(Int64(s.attemptCount)), \(s.lastPaymentError), \(invoice.lastEventAt), \(invoice.lastEventId), \(createdAt), \(updatedAt),
                    \(s.collectionMethod), \(s.nextPaymentAttempt), \(s.billingReason), \(s.reminderPolicy), \(s.escalationEmail),
                    \(invoice.lastPaymentFailedAt), \(invoice.actionRequiredAt))
            ON CONFLICT (id) DO UPDATE SET source = excluded.source, number = excluded.number, customer_id = excluded.customer_id,
                customer_name = excluded.customer_name, customer_email = excluded.customer_email, customer_phone = excluded.customer_phone,
                customer_locale = excluded.customer_locale, customer_time_zone = excluded.customer_time_zone, currency = excluded.currency,
                amount_due = excluded.amount_due, amount_paid = excluded.amount_paid, amount_remaining = excluded.amount_remaining,
                due_date = excluded.due_date, status = excluded.status, provider_status = excluded.provider_status,
                hosted_invoice_url = excluded.hosted_invoice_url, attempt_count = excluded.attempt_count,
                last_payment_error = excluded.last_payment_error, last_event_at = excluded.last_event_at,
                last_event_id = excluded.last_event_id, updated_at = excluded.updated_at,
                collection_method = excluded.collection_method, next_payment_attempt = excluded.next_payment_attempt,
                billing_reason = excluded.billing_reason, reminder_policy = excluded.reminder_policy,
                escalation_email = excluded.escalation_email,
                last_payment_failed_at = COALESCE(excluded.last_payment_failed_at, invoice.last_payment_failed_at),
                action_required_at = COALESCE(excluded.action_required_at, invoice.action_required_at)
            """, logger: logger)
    }
}
