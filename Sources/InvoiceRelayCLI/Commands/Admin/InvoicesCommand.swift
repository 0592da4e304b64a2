import ArgumentParser
import Foundation
import RelayServer
import RelayAdmin

/// `invoice-relay invoices list|show|pause|resume|skip`: invoice state and history, and an operator's control of
/// an invoice's reminders.
struct InvoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoices",
        abstract: "List invoices, show one with its timeline, pause, resume or skip its reminders.",
        subcommands: [List.self, Show.self, Pause.self, Resume.self, Skip.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List invoices, ordered by id.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "draft, open, partially_paid, paid, void or uncollectible.")
        var status: String?
        @Flag(help: "Only remindable invoices past their due date.")
        var overdue = false
        @Option(help: "Customer id.")
        var customer: String?
        @OptionGroup var paging: PageOptions

        func run() async throws {
            var list = ParameterList()
            list.add("status", status)
            if overdue { list.add("overdue", "true") }
            list.add("customer", customer)
            paging.add(to: &list)
            let context = try await AdminContext.open(options)
            let query = try list.parse(allowed: InvoiceQuery.parameterNames, InvoiceQuery.init)
            let page = try await context.run { try await $0.invoices(query) }
            try output.emit(page) {
                var table = TextTable("ID", "NUMBER", "STATUS", "CUSTOMER", "REMAINING", "DUE", "OVERDUE")
                for i in page.data {
                    table.add(i.id, Format.text(i.number), i.status, Format.text(i.customerName ?? i.customerId), "\(i.amountRemaining) \(i.currency)", Format.date(i.dueDate), i.overdue ? "yes" : "no")
                }
                table.print(nextCursor: page.nextCursor)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an invoice with its timeline: events, deliveries and attempts, drift corrections.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Invoice id, e.g. in_1Qx....")
        var id: String

        func run() async throws {
            let detail = try await AdminContext.open(options).run { try await $0.invoice(id: id) }
            try output.emit(detail) {
                let i = detail.invoice
                print("\(i.id) \(i.number.map { "(\($0)) " } ?? "")— \(i.status)\(i.overdue ? ", overdue" : "")")
                print("customer   \(Format.text(i.customerName)) <\(Format.text(i.customerEmail))> \(Format.text(i.customerPhone))")
                print("amounts    due \(i.amountDue), paid \(i.amountPaid), remaining \(i.amountRemaining) \(i.currency) (minor units)")
                print("due date   \(Format.date(i.dueDate))")
                print("collection \(Format.text(i.collectionMethod)), attempts \(i.attemptCount), next attempt \(Format.date(i.nextPaymentAttempt))")
                if let until = i.remindersPausedUntil {
                    print("paused     until \(Format.date(until))\(i.pauseNote.map { " — \($0)" } ?? "")")
                }
                if !i.skippedSteps.isEmpty { print("skipped    \(i.skippedSteps.joined(separator: ", "))") }
                print("last event \(i.lastEventId) at \(Format.date(i.lastEventAt))\n")
                var table = TextTable("AT", "KIND", "REF", "WHAT")
                table.maxCellWidth = 100
                for entry in detail.timeline { table.add(Format.date(entry.at), entry.kind, entry.ref, entry.summary) }
                table.print()
            }
        }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hold back an invoice's reminders until a date.",
            discussion: "Queued reminders wait for the end of the pause; afterwards only the latest due step is sent. Receipts are not paused."
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Invoice id.")
        var id: String
        @Option(help: "End of the pause: RFC 3339 (2026-12-01T09:00:00Z) or a date (2026-12-01, midnight UTC).")
        var until: String
        @Option(help: "Why the invoice is paused (kept with the invoice and in the audit log).")
        var note: String?

        func run() async throws {
            let end = try Self.instant(until)
            let view = try await AdminContext.open(options).run {
                try await $0.pauseReminders(invoiceId: id, until: end, note: note, actor: AdminContext.actor)
            }
            try output.emit(view) { print("Reminders of \(view.id) paused until \(Format.date(view.remindersPausedUntil)).") }
        }

        static func instant(_ text: String) throws -> Date {
            if let date = ISO8601DateFormatter().date(from: text) { return date }
            let day = ISO8601DateFormatter()
            day.formatOptions = [.withFullDate]
            if let date = day.date(from: text) { return date }
            throw CLIError("--until: '\(text)' is not a date-time like 2026-12-01T09:00:00Z or a date like 2026-12-01")
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End an invoice's pause now.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Invoice id.")
        var id: String

        func run() async throws {
            let view = try await AdminContext.open(options).run { try await $0.resumeReminders(invoiceId: id, actor: AdminContext.actor) }
            try output.emit(view) { print("Reminders of \(view.id) resumed.") }
        }
    }

    struct Skip: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Skip the next reminder step of an invoice (or a named one).")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Invoice id.")
        var id: String
        @Option(help: "Step name, e.g. overdue-7d; the next step when omitted.")
        var step: String?

        func run() async throws {
            let result = try await AdminContext.open(options).run { try await $0.skipStep(invoiceId: id, step: step, actor: AdminContext.actor) }
            try output.emit(result) { print("Step \(result.skippedStep) of \(result.invoice.id) will not be sent.") }
        }
    }
}
