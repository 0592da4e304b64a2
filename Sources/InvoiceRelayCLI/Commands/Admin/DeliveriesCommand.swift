import ArgumentParser
import Foundation
import RelayServer
import RelayAdmin
import StoreSeams
import InvoiceDomain

/// `invoice-relay deliveries list|show|replay`: the reminder outbox.
struct DeliveriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries",
        abstract: "List, inspect and replay reminder deliveries.",
        subcommands: [List.self, Show.self, Replay.self]
    )

    /// The list filters, shared by `list` and bulk `replay`.
    struct Filters: ParsableArguments {
        @Option(help: "pending, sending, sent, retry_scheduled, failed, dead or cancelled.")
        var status: String?
        @Option(help: "email or sms.")
        var channel: String?
        @Option(help: "Provider of the last attempt, e.g. sendgrid.")
        var provider: String?
        @Option(help: "Invoice id.")
        var invoice: String?
        @Option(help: "Reminder step name, e.g. overdue-7d.")
        var step: String?
        @Option(name: .customLong("created-from"), help: "Created at or after (ISO 8601 date-time or day).")
        var createdFrom: String?
        @Option(name: .customLong("created-to"), help: "Created before (ISO 8601 date-time or day).")
        var createdTo: String?
        @Option(name: .customLong("provider-status"), help: "What the provider reported: delivered, bounced, complained, undelivered, ….")
        var providerStatus: String?

        var list: ParameterList {
            var list = ParameterList()
            list.add("status", status)
            list.add("channel", channel)
            list.add("provider", provider)
            list.add("invoice_id", invoice, option: "invoice")
            list.add("step", step)
            list.add("created_from", createdFrom)
            list.add("created_to", createdTo)
            list.add("provider_status", providerStatus)
            return list
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List deliveries, newest first.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var filters: Filters
        @OptionGroup var paging: PageOptions

        func run() async throws {
            var list = filters.list
            paging.add(to: &list)
            let context = try await AdminContext.open(options)
            let query = try list.parse(allowed: DeliveryQuery.parameterNames, DeliveryQuery.init)
            let page = try await context.run { try await $0.deliveries(query) }
            try output.emit(page) {
                var table = TextTable("ID", "INVOICE", "STEP", "CHANNEL", "STATUS", "PROVIDER", "ATTEMPTS", "UPDATED", "LAST ERROR")
                for d in page.data {
                    table.add(String(d.id), d.invoiceId, d.step, d.channel.rawValue, d.status.rawValue, Format.text(d.provider), String(d.attempts), Format.date(d.updatedAt), Format.text(d.lastError))
                }
                table.print(nextCursor: page.nextCursor)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a delivery and every attempt at it.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Delivery id.")
        var id: Int64

        func run() async throws {
            let detail = try await AdminContext.open(options).run { try await $0.delivery(id: id) }
            try output.emit(detail) {
                let d = detail.delivery
                let fields: [(String, String)] = [
                    ("id", String(d.id)), ("idempotency key", d.idempotencyKey), ("invoice", d.invoiceId), ("step", "\(d.step) (\(d.kind))"),
                    ("channel", d.channel.rawValue), ("status", d.status.rawValue), ("recipient", Format.text(d.recipient)),
                    ("provider", Format.text(d.provider)), ("template", d.templateId.map { "\($0) v\(Format.int(d.templateVersion))" } ?? "-"),
                    ("attempts", String(d.attempts)), ("next attempt", Format.date(d.nextAttemptAt)), ("last error", Format.text(d.lastError)),
                    ("provider message id", Format.text(d.providerMessageId)), ("resends", String(d.resendCount)),
                    ("created", Format.date(d.createdAt)), ("sent", Format.date(d.sentAt)),
                ]
                for (name, value) in fields { print("\(name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(value)") }
                print("\nAttempts:")
                var table = TextTable("#", "STARTED", "PROVIDER", "HTTP", "OUTCOME", "LATENCY", "ERROR")
                for a in detail.attempts {
                    table.add(String(a.attemptNumber), Format.date(a.startedAt), a.provider, Format.int(a.httpStatus), a.outcome, "\(Int(a.latencyMs.rounded())) ms", Format.text(a.error))
                }
                table.print()
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-queue one delivery, or every failed/dead delivery matching filters.",
            discussion: """
                With an id: re-queues a failed, dead or cancelled delivery on its own idempotency key. A sent one is refused \
                unless --force (then recorded as a deliberate resend).
                Without an id: re-queues every failed or dead delivery matching the filters (--all when there are none), \
                printing progress. Sent deliveries are never bulk-replayed.
                """
        )

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var filters: Filters
        @Argument(help: "Delivery id; omit for a bulk replay by filters.")
        var id: Int64?
        @Flag(help: "Re-send a delivery that was already sent.")
        var force = false
        @Flag(help: "Bulk: allow replaying every failed and dead delivery (no filter).")
        var all = false

        func run() async throws {
            let context = try await AdminContext.open(options)
            if let id {
                guard filters.list.pairs.isEmpty, !all else { throw CLIError("give a delivery id or filters, not both") }
                let result = try await context.run { try await $0.replayDelivery(id: id, force: force, actor: AdminContext.actor) }
                try output.emit(result) {
                    print(result.resend
                        ? "Delivery \(id) re-queued as a deliberate resend (resend #\(result.delivery.resendCount))."
                        : "Delivery \(id) re-queued (was failed/dead/cancelled); it will be sent on the next scheduler tick.")
                }
                return
            }
            guard !force else { throw CLIError("--force applies to one delivery id only; bulk replay never re-sends sent deliveries") }
            let filter = try filters.list.parse(allowed: DeliveryQuery.filterNames, DeliveryQuery.parseFilter)
            let result = try await context.run { service in
                try await service.replayDeliveries(matching: filter, all: all, actor: AdminContext.actor) { done, total in
                    printError(total == 0 ? "no failed or dead deliveries match" : "re-queued \(done)/\(total)")
                }
            }
            try output.emit(result) {
                print("Re-queued \(result.requeued) deliveries" + (result.skipped > 0 ? "; skipped \(result.skipped) that changed state meanwhile." : "."))
            }
        }
    }
}
