import InvoiceStore

/// The stores the reminder scheduler reads and writes: invoices (read), the outbox and the templates.
public typealias SchedulerStore = InvoiceRepository & OutboxStore & TemplateStore
