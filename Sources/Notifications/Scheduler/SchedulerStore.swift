package import StoreSeams

/// Everything the reminder scheduler calls on its store, and nothing more: the planner's reads and enqueue
/// (``ReminderPlanningStore``), the outbox hot path (``OutboxQueue``) and the current template (``TemplateSource``).
package typealias SchedulerStore = ReminderPlanningStore & OutboxQueue & TemplateSource
