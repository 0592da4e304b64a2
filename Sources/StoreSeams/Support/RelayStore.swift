/// Every seam the relay's consumers use, as one existential: what a storage backend implements to run the whole
/// service (`SQLiteStore`, `PostgresStore`). Consumers still take the narrower protocol they need.
package typealias RelayStore = IngestStore & EventAdministration & InvoiceQueries & ReminderPlanningStore & OutboxQueue
    & OutboxAdministration & TemplateCatalog & ReconcileStore & TokenAuthentication & TokenAdministration & AuditLog
    & IdempotencyKeys & HealthProbe & FeedbackStore & ReminderControl & ConsoleSessionStore
