import ArgumentParser
import Foundation
import Logging
import Reconciliation
import RelayServer
import StoreSeams

/// `invoice-relay reconcile`: one reconciliation run against the provider's API, with a progress line per page
/// and a summary. Uses the configuration's reconciliation settings even when `enabled` is false.
struct Reconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Poll the provider's API once for missed events.",
        discussion: """
            Reads every invoice event since the stored cursor (minus the overlap) and applies the ones webhooks \
            missed, exactly as a webhook would. With no cursor yet, or one older than the provider keeps events, \
            it sweeps invoices instead and corrects drift. --dry-run writes nothing and reports what would change.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "Read events created at or after this instant instead of the cursor: ISO 8601 (2025-11-24T10:00:00Z) or YYYY-MM-DD (UTC midnight).")
    var since: String?

    @Flag(help: "Report what would change (events that would apply, invoice drift) without writing anything or moving the cursor.")
    var dryRun = false

    func validate() throws {
        if let since, Self.parseDate(since) == nil {
            throw ValidationError("--since: expected an ISO 8601 date-time (2025-11-24T10:00:00Z) or a date (2025-11-24), got '\(since)'")
        }
    }

    func run() async throws {
        let config = try options.load()
        Logging.bootstrap(config.logging)
        let sinceDate = since.flatMap(Self.parseDate)
        let relay: RelayApp
        do {
            relay = try await RelayApp.build(.init(configuration: config, logger: Logger(label: "invoice-relay"), purpose: .tool))
        } catch let error as ConfigurationError {
            throw CLIError(error.description)
        }
        let report: ReconcileReport
        do {
            report = try await relay.runReconciliation(dryRun: dryRun, since: sinceDate) { progress in
                print(Self.progressLine(progress))
            }
        } catch let error as ConfigurationError {
            throw CLIError(error.description)
        } catch let error as ReconcileError {
            throw CLIError(error.description)
        }
        print(Self.summary(report))
    }

    // MARK: - Parsing

    /// ISO 8601 with or without fractional seconds, or a bare `YYYY-MM-DD` taken as UTC midnight.
    static func parseDate(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime]
        if let date = full.date(from: trimmed) { return date }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = full.date(from: trimmed) { return date }
        guard trimmed.count == 10 else { return nil }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        day.timeZone = TimeZone(identifier: "UTC")
        return day.date(from: trimmed)
    }

    // MARK: - Output

    static func progressLine(_ progress: ReconcileProgress) -> String {
        let report = progress.report
        switch progress.phase {
        case .listingEvents:
            return "fetched page \(progress.pagesDone) · \(report.eventsSeen) events seen"
        case .applyingEvents:
            let verb = report.dryRun ? "checked" : "applied"
            let total = progress.totalPages.map { "/\($0)" } ?? ""
            return "\(verb) page \(progress.pagesDone)\(total) · pages \(report.pages) · events seen \(report.eventsSeen) · "
                + "applied \(report.applied) · already known \(report.alreadyKnown) · superseded \(report.superseded) · quarantined \(report.quarantined)"
        case .sweepingInvoices:
            return "swept page \(progress.pagesDone) · invoices \(report.invoicesSwept) · drifted \(report.driftCorrections)"
        }
    }

    static func summary(_ report: ReconcileReport) -> String {
        let seconds = report.finishedAt.timeIntervalSince(report.startedAt)
        var lines: [String] = []
        let mode = report.mode == .events ? "events" : "invoice sweep"
        lines.append("reconcile (\(mode)\(report.dryRun ? ", dry run: nothing written" : "")) finished in \(String(format: "%.1f", seconds)) s")
        if let start = report.windowStart { lines.append("  window: events created since \(timestamp(start))") }
        switch report.mode {
        case .events:
            lines.append("  pages \(report.pages) · events seen \(report.eventsSeen) · applied \(report.applied) · already known \(report.alreadyKnown)"
                + " · superseded \(report.superseded) · ignored \(report.ignored) · quarantined \(report.quarantined)")
            lines.append("  api version drift: \(report.apiVersionDrift) event(s)")
        case .sweep:
            lines.append("  pages \(report.pages) · invoices \(report.invoicesSwept) · skipped \(report.invoicesSkipped)")
        }
        let driftVerb = report.dryRun ? "would be corrected" : "corrected"
        lines.append("  invoices with drift (\(driftVerb)): \(report.driftCorrections)")
        let shown = 50
        for drift in report.drift.prefix(shown) {
            lines.append("    \(drift.invoiceId) \(drift.field): \(drift.ours ?? "∅") → \(drift.theirs ?? "∅")")
        }
        if report.drift.count > shown { lines.append("    … and \(report.drift.count - shown) more field(s)") }
        if let cursor = report.cursor {
            let moved = report.cursorMoved ? "" : " (unchanged)"
            lines.append("  cursor: \(timestamp(Date(timeIntervalSince1970: TimeInterval(cursor.lastCreated))))\(cursor.lastEventId.map { " \($0)" } ?? "")\(moved)")
        } else {
            lines.append("  cursor: none")
        }
        return lines.joined(separator: "\n")
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
