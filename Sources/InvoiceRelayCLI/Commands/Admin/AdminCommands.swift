import ArgumentParser

/// Operator commands that work on the local database directly.
enum AdminCommands {
    static let all: [any ParsableCommand.Type] = []
}
