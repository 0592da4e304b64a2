import ArgumentParser
import RelayAdmin

/// Operator commands that work on the local database directly, with the same rules as the admin API.
enum AdminCommands {
    static let all: [any ParsableCommand.Type] = [
        TokensCommand.self, TemplatesCommand.self, DeliveriesCommand.self, EventsCommand.self, InvoicesCommand.self, SuppressionsCommand.self, CustomersCommand.self,
    ]
}
