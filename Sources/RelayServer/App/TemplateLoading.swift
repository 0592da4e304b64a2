import Foundation
import StoreSeams
import InvoiceDomain
import InvoiceStore
import Logging
import Notifications

/// Loads the shipped templates (the templates folder) into the template store, once per build.
enum TemplateLoading {
    /// Validates the shipped templates and stores those without a version yet. Idempotent.
    ///
    /// The folder is read only when something needs it: when reminders are enabled (the scheduler renders from
    /// the store) and by operator commands (template tools), which skip a missing folder quietly and report a
    /// broken template as a warning.
    /// - Throws: ``ConfigurationError`` for a missing folder; ``TemplateProblem`` naming file, line and column of a
    ///   broken shipped template.
    static func seed(_ settings: ReminderSettings, purpose: RelayApp.Purpose, store: any TemplateCatalog, clock: any WallClock, logger: Logger) async throws {
        let directory = URL(fileURLWithPath: settings.templatesDirectory)
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder) && isFolder.boolValue
        let engine = TemplateEngine(smsSegmentWarningLimit: settings.smsSegmentWarningLimit)
        switch purpose {
        case .serve, .serverOnly:
            guard settings.enabled else { return }
            guard exists else { throw ConfigurationError("reminders.templatesDirectory: folder \(directory.path) does not exist") }
            let seeded = try await TemplateSeeder.seed(from: directory, engine: engine, into: store, now: clock.now())
            logger.info("templates loaded", metadata: ["directory": "\(directory.path)", "new_versions": "\(seeded)"])
        case .tool:
            guard exists else { return }
            do {
                let seeded = try await TemplateSeeder.seed(from: directory, engine: engine, into: store, now: clock.now())
                if seeded > 0 { logger.notice("loaded \(seeded) shipped template(s) from \(directory.path)") }
            } catch {
                logger.warning("shipped templates in \(directory.path) not loaded: \(error)")
            }
        }
    }
}
