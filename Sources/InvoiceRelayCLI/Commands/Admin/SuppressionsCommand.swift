import ArgumentParser
import Foundation
import InvoiceDomain
import RelayAdmin

/// `invoice-relay suppressions list|show|add|remove`: addresses that must not be messaged.
struct SuppressionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suppressions",
        abstract: "List, look up, add and remove suppressed addresses (bounces, complaints, STOP, manual).",
        subcommands: [List.self, Show.self, Add.self, Remove.self]
    )

    /// `email` or `sms` and the address, as every command but `list` names them.
    struct Address: ParsableArguments {
        @Argument(help: "email or sms.")
        var channel: String
        @Argument(help: "E-mail address, or E.164 phone number (+14155550123).")
        var address: String

        func parsed() throws -> (Channel, String) {
            guard let channel = Channel(rawValue: channel) else { throw CLIError("invalid_channel: unknown channel '\(channel)': use email or sms") }
            return (channel, address)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List suppressed addresses, newest first.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var page: PageOptions
        @Option(help: "email or sms.")
        var channel: String?

        func run() async throws {
            var list = ParameterList()
            list.add("channel", channel)
            page.add(to: &list)
            let query = try list.parse(allowed: SuppressionQuery.parameterNames) { try SuppressionQuery($0) }
            let result = try await AdminContext.open(options).run { try await $0.suppressions(query) }
            try output.emit(result) {
                var table = TextTable("CHANNEL", "ADDRESS", "REASON", "PROVIDER", "DELIVERY", "SINCE")
                for row in result.data {
                    table.add(row.channel, row.address, row.reason, Format.text(row.provider), Format.int(row.deliveryId), Format.date(row.createdAt))
                }
                table.print(nextCursor: result.nextCursor)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show whether an address is suppressed, and why.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var address: Address

        func run() async throws {
            let (channel, address) = try self.address.parsed()
            let row = try await AdminContext.open(options).run { try await $0.suppression(channel: channel, address: address) }
            try output.emit(row) {
                print("\(row.address) is suppressed on \(row.channel): \(row.reason) since \(Format.date(row.createdAt))")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Suppress an address by hand (reason: manual); audited.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var address: Address
        @Option(help: "Why, kept with the suppression.")
        var note: String?

        func run() async throws {
            let (channel, address) = try self.address.parsed()
            let (row, created) = try await AdminContext.open(options).run {
                try await $0.addSuppression(channel: channel, address: address, note: note, actor: AdminContext.actor)
            }
            try output.emit(row) {
                print(created ? "Suppressed \(row.address) on \(row.channel)." : "\(row.address) was already suppressed on \(row.channel) (\(row.reason)).")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift a suppression; audited.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var address: Address

        func run() async throws {
            let (channel, address) = try self.address.parsed()
            let row = try await AdminContext.open(options).run { try await $0.removeSuppression(channel: channel, address: address, actor: AdminContext.actor) }
            try output.emit(row) { print("Lifted the \(row.reason) suppression of \(row.address) on \(row.channel).") }
        }
    }
}
