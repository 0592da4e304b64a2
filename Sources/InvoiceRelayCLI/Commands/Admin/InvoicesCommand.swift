import ArgumentParser
import Foundation
import RelayServer
import RelayAdmin

/// `invoice-relay invoices list|show`: invoice state and history.
struct InvoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoices",
        abstract: "List invoices and show one with its timeline.",
        subcommands: [List.self, Show.self]
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
                print("last event \(i.lastEventId) at \(Format.date(i.lastEventAt))\n")
                var table = TextTable("AT", "KIND", "REF", "WHAT")
                table.maxCellWidth = 100
                for entry in detail.timeline { table.add(Format.date(entry.at), entry.kind, entry.ref, entry.summary) }
                table.print()
            }
        }
    }
}
