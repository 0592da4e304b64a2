import ArgumentParser
import Foundation
import RelayAdmin

/// `invoice-relay customers exclude|include`: keep a customer out of every reminder, or let them back in.
struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "Exclude a customer from reminders, or include them again.",
        subcommands: [Exclude.self, Include.self]
    )

    struct Exclude: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Exclude a customer from every reminder channel.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Customer id, e.g. cus_....")
        var id: String

        func run() async throws {
            let result = try await AdminContext.open(options).run { try await $0.setCustomerExcluded(customerId: id, excluded: true, actor: AdminContext.actor) }
            try output.emit(result) { print("Customer \(result.customerId) excluded from reminders.") }
        }
    }

    struct Include: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Include an excluded customer again (every channel).")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Customer id, e.g. cus_....")
        var id: String

        func run() async throws {
            let result = try await AdminContext.open(options).run { try await $0.setCustomerExcluded(customerId: id, excluded: false, actor: AdminContext.actor) }
            try output.emit(result) { print("Customer \(result.customerId) included in reminders again.") }
        }
    }
}
