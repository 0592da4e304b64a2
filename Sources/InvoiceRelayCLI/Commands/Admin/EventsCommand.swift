import ArgumentParser
import Foundation
import RelayServer
import RelayAdmin

/// `invoice-relay events list|show|reprocess`: stored webhook and reconciliation events.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List and inspect stored events; re-process quarantined ones.",
        subcommands: [List.self, Show.self, Reprocess.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List events, newest first.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Source name, e.g. stripe.")
        var source: String?
        @Option(help: "Event type, e.g. invoice.paid.")
        var type: String?
        @Option(help: "applied, superseded, quarantined, ignored or duplicate.")
        var status: String?
        @Option(help: "webhook or reconcile.")
        var origin: String?
        @Option(help: "Invoice id.")
        var invoice: String?
        @Flag(help: "Only events received more than once.")
        var duplicate = false
        @OptionGroup var paging: PageOptions

        func run() async throws {
            var list = ParameterList()
            list.add("source", source)
            list.add("type", type)
            list.add("status", status)
            list.add("origin", origin)
            list.add("invoice_id", invoice, option: "invoice")
            if duplicate { list.add("duplicate", "true") }
            paging.add(to: &list)
            let context = try await AdminContext.open(options)
            let query = try list.parse(allowed: EventQuery.parameterNames, EventQuery.init)
            let page = try await context.run { try await $0.events(query) }
            try output.emit(page) {
                var table = TextTable("ID", "SOURCE", "EVENT", "TYPE", "ORIGIN", "STATUS", "DUPS", "RECEIVED", "INVOICE", "REASON")
                for e in page.data {
                    table.add(String(e.id), e.source, e.eventId, Format.text(e.type), e.origin, e.status, String(e.duplicateCount), Format.date(e.receivedAt), Format.text(e.invoiceId), Format.text(e.reason))
                }
                table.print(nextCursor: page.nextCursor)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an event with its raw body.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Event row id (the ID column of events list).")
        var id: Int64
        @Flag(help: "Write only the exact raw body bytes to stdout.")
        var raw = false

        func run() async throws {
            let detail = try await AdminContext.open(options).run { try await $0.event(id: id) }
            if raw {
                FileHandle.standardOutput.write(Data(base64Encoded: detail.bodyBase64) ?? Data())
                return
            }
            try output.emit(detail) {
                let e = detail.event
                let fields: [(String, String)] = [
                    ("id", String(e.id)), ("source", e.source), ("event id", e.eventId), ("type", Format.text(e.type)),
                    ("origin", e.origin), ("status", e.status), ("reason", Format.text(e.reason)), ("invoice", Format.text(e.invoiceId)),
                    ("created", Format.date(e.eventCreatedAt)), ("api version", Format.text(e.apiVersion)), ("received", Format.date(e.receivedAt)),
                    ("processed", Format.date(e.processedAt)), ("duplicates", String(e.duplicateCount)),
                ]
                for (name, value) in fields { print("\(name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(value)") }
                for (name, value) in detail.headers.sorted(by: { $0.key < $1.key }) { print("header       \(name): \(value)") }
                print("\n--- body ---")
                print(detail.bodyText ?? "(not UTF-8; base64) \(detail.bodyBase64)")
            }
        }
    }

    struct Reprocess: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decode and apply a quarantined event again (e.g. after a configuration fix).")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Event row id.")
        var id: Int64

        func run() async throws {
            let result = try await AdminContext.open(options).run { try await $0.reprocessEvent(id: id, actor: AdminContext.actor) }
            try output.emit(result) {
                let e = result.event
                print("Event \(id) (\(e.eventId)): \(result.previousStatus) → \(e.status)" + (e.reason.map { " — \($0)" } ?? ""))
            }
        }
    }
}
