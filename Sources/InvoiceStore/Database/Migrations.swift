import GRDB

extension AppDatabase {
    /// The schema's history. Migrations are only ever appended; a shipped one is never edited.
    /// Columns use portable types (TEXT, INTEGER, BLOB, DATETIME as ISO-8601 text) so the same
    /// schema maps directly onto PostgreSQL.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-invoices-events", migrate: createInvoicesAndEvents)
        migrator.registerMigration("v1-outbox", migrate: createOutbox)
        migrator.registerMigration("v1-templates", migrate: createTemplates)
        migrator.registerMigration("v1-reconciliation", migrate: createReconciliation)
        migrator.registerMigration("v1-admin", migrate: createAdmin)
        migrator.registerMigration("v2-lean-event-indexes", migrate: leanEventIndexes)
        migrator.registerMigration("v3-delivery-feedback", migrate: deliveryFeedback)
        migrator.registerMigration("v3-console-sessions", migrate: createConsoleSessions)
        migrator.registerMigration("v4-dunning", migrate: dunning)
        return migrator
    }

    private static func createInvoicesAndEvents(_ db: Database) throws {
        try db.create(table: "invoice") { t in
            t.primaryKey("id", .text)
            t.column("source", .text).notNull()
            t.column("number", .text)
            t.column("customerId", .text).indexed()
            t.column("customerName", .text)
            t.column("customerEmail", .text)
            t.column("customerPhone", .text)
            t.column("customerLocale", .text)
            t.column("customerTimeZone", .text)
            t.column("currency", .text).notNull()
            t.column("amountDue", .integer).notNull()
            t.column("amountPaid", .integer).notNull()
            t.column("amountRemaining", .integer).notNull()
            t.column("dueDate", .datetime)
            t.column("status", .text).notNull()
            t.column("providerStatus", .text).notNull()
            t.column("hostedInvoiceURL", .text)
            t.column("attemptCount", .integer).notNull()
            t.column("lastPaymentError", .text)
            t.column("lastEventAt", .datetime).notNull()
            t.column("lastEventId", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
        }
        try db.create(index: "invoice_status_due", on: "invoice", columns: ["status", "dueDate"])

        try db.create(table: "webhookEvent") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("source", .text).notNull()
            t.column("eventId", .text).notNull()
            t.column("type", .text)
            t.column("origin", .text).notNull()
            t.column("status", .text).notNull()
            t.column("reason", .text)
            t.column("invoiceId", .text).indexed()
            t.column("eventCreatedAt", .datetime)
            t.column("apiVersion", .text)
            t.column("receivedAt", .datetime).notNull().indexed()
            t.column("processedAt", .datetime)
            t.column("duplicateCount", .integer).notNull().defaults(to: 0)
            t.column("lastDuplicateAt", .datetime)
            t.column("headers", .text).notNull()
            t.column("body", .blob).notNull()
            t.uniqueKey(["source", "eventId"])
        }
        try db.create(index: "webhookEvent_status", on: "webhookEvent", columns: ["status", "id"])
    }

    private static func createOutbox(_ db: Database) throws {
        try db.create(table: "customerPreference") { t in
            t.column("customerId", .text).notNull()
            t.column("channel", .text).notNull()
            t.column("optedOut", .boolean).notNull()
            t.column("updatedAt", .datetime).notNull()
            t.primaryKey(["customerId", "channel"])
        }
        try db.create(table: "delivery") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("idempotencyKey", .text).notNull().unique()
            t.column("invoiceId", .text).notNull().indexed()
            t.column("step", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("channel", .text).notNull()
            t.column("status", .text).notNull()
            t.column("provider", .text)
            t.column("recipient", .text)
            t.column("templateId", .text)
            t.column("templateVersion", .integer)
            t.column("attempts", .integer).notNull().defaults(to: 0)
            t.column("nextAttemptAt", .datetime).notNull()
            t.column("leaseOwner", .text)
            t.column("leaseExpiresAt", .datetime)
            t.column("lastError", .text)
            t.column("providerMessageId", .text)
            t.column("resendCount", .integer).notNull().defaults(to: 0)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
            t.column("sentAt", .datetime)
        }
        // The claim query reads (status, nextAttemptAt) for due work and (status, leaseExpiresAt) for expired leases.
        try db.create(index: "delivery_due", on: "delivery", columns: ["status", "nextAttemptAt"])
        try db.create(index: "delivery_lease", on: "delivery", columns: ["status", "leaseExpiresAt"])

        try db.create(table: "deliveryAttempt") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("deliveryId", .integer).notNull().indexed().references("delivery", onDelete: .cascade)
            t.column("attemptNumber", .integer).notNull()
            t.column("startedAt", .datetime).notNull()
            t.column("provider", .text).notNull()
            t.column("httpStatus", .integer)
            t.column("outcome", .text).notNull()
            t.column("error", .text)
            t.column("latencyMs", .double).notNull()
        }
    }

    private static func createTemplates(_ db: Database) throws {
        try db.create(table: "template") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("templateId", .text).notNull()
            t.column("version", .integer).notNull()
            t.column("subject", .text)
            t.column("html", .text)
            t.column("text", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("createdBy", .text).notNull()
            t.column("note", .text)
            t.uniqueKey(["templateId", "version"])
        }
    }

    private static func createReconciliation(_ db: Database) throws {
        try db.create(table: "reconcileCursor") { t in
            t.primaryKey("source", .text)
            t.column("lastCreated", .integer).notNull()
            t.column("lastEventId", .text)
            t.column("updatedAt", .datetime).notNull()
        }
        try db.create(table: "drift") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("invoiceId", .text).notNull().indexed()
            t.column("field", .text).notNull()
            t.column("ours", .text)
            t.column("theirs", .text)
            t.column("detectedAt", .datetime).notNull()
            t.column("fixed", .boolean).notNull()
        }
    }

    private static func createAdmin(_ db: Database) throws {
        try db.create(table: "apiToken") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().indexed()
            t.column("prefix", .text).notNull().unique()
            t.column("tokenHash", .text).notNull()
            t.column("scope", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("expiresAt", .datetime)
            t.column("revokedAt", .datetime)
            t.column("lastUsedAt", .datetime)
        }
        try db.create(table: "auditLog") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull()
            t.column("actor", .text).notNull()
            t.column("action", .text).notNull()
            t.column("target", .text)
            t.column("detail", .text)
        }
        try db.create(table: "idempotencyRecord") { t in
            t.column("key", .text).notNull()
            t.column("actor", .text).notNull()
            t.column("requestHash", .text).notNull()
            t.column("status", .integer).notNull()
            t.column("responseBody", .blob).notNull()
            t.column("createdAt", .datetime).notNull().indexed()
            t.primaryKey(["actor", "key"])
        }
    }

    /// Every webhook writes one entry into each index of `webhookEvent`, inside the serial writer. Two of them
    /// earned less than they cost (about 1 µs per event each, `relay-bench micro --only store`):
    /// - `receivedAt`: its one reader (the newest webhook per source) walks the primary key backwards instead;
    /// - `(status, id)`: nearly every event is `applied`; only quarantined ones are looked up by status (to be
    ///   re-processed), so the index holds those alone. Listing other statuses walks the primary key.
    private static func leanEventIndexes(_ db: Database) throws {
        try db.drop(index: "webhookEvent_on_receivedAt")
        try db.drop(index: "webhookEvent_status")
        try db.execute(sql: "CREATE INDEX webhookEvent_quarantined ON webhookEvent(id) WHERE status = 'quarantined'")
    }

    /// Provider feedback: the provider-side status of each delivery (found by the provider's message id) and the
    /// suppression list per channel and address.
    private static func deliveryFeedback(_ db: Database) throws {
        try db.alter(table: "delivery") { t in
            t.add(column: "providerStatus", .text)
            t.add(column: "providerError", .text)
            t.add(column: "providerStatusAt", .datetime)
            // Claimed again after its lease expired in `sending`: ask the provider before sending (in-doubt sends).
            t.add(column: "inDoubt", .boolean).notNull().defaults(to: false)
        }
        try db.execute(sql: "CREATE INDEX delivery_providerMessageId ON delivery(providerMessageId) WHERE providerMessageId IS NOT NULL")
        try db.create(table: "suppression") { t in
            t.column("channel", .text).notNull()
            t.column("address", .text).notNull()
            t.column("reason", .text).notNull()
            t.column("provider", .text)
            t.column("deliveryId", .integer)
            t.column("detail", .text)
            t.column("createdAt", .datetime).notNull()
            t.primaryKey(["channel", "address"])
        }
        try db.create(index: "suppression_createdAt", on: "suppression", columns: ["createdAt"])
    }

    /// Web console sessions: the SHA-256 of the cookie's random id (never the id), the API token signed in with,
    /// the session's CSRF value and the two instants its idle and absolute expiry count from.
    private static func createConsoleSessions(_ db: Database) throws {
        try db.create(table: "consoleSession") { t in
            t.primaryKey("idHash", .text)
            t.column("tokenId", .integer).notNull()
            t.column("tokenPrefix", .text).notNull()
            t.column("csrfToken", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("lastSeenAt", .datetime).notNull()
        }
    }

    /// Dunning: how the provider collects the invoice and when it charges next, the times of the latest payment
    /// failure and action request (event-triggered messages are planned from them), the metadata that picks a
    /// policy or an escalation address, and an operator's pause and skipped steps.
    private static func dunning(_ db: Database) throws {
        try db.alter(table: "invoice") { t in
            t.add(column: "collectionMethod", .text)
            t.add(column: "nextPaymentAttempt", .datetime)
            t.add(column: "billingReason", .text)
            t.add(column: "reminderPolicy", .text)
            t.add(column: "escalationEmail", .text)
            t.add(column: "lastPaymentFailedAt", .datetime)
            t.add(column: "actionRequiredAt", .datetime)
            t.add(column: "remindersPausedUntil", .datetime)
            t.add(column: "pauseNote", .text)
            // JSON array of step names, e.g. ["overdue-7d"]; NULL when none.
            t.add(column: "skippedSteps", .text)
        }
    }
}
