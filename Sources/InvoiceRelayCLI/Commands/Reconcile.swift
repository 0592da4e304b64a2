import ArgumentParser

/// `invoice-relay reconcile`: one reconciliation run against the provider's API.
struct Reconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Poll the provider's API once for missed events.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        throw CLIError("not implemented yet")
    }
}
