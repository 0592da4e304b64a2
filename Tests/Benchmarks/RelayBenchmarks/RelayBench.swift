import ArgumentParser
import Foundation

/// `relay-bench`: InvoiceRelay's benchmark harness. Prints figures; asserts nothing.
@main
struct RelayBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay-bench",
        abstract: "InvoiceRelay benchmarks (run with -c release).",
        subcommands: [Micro.self, OutboxClaim.self, WrkScript.self, Paced.self, Deliveries.self, ProviderSends.self, ConsolePages.self, Callbacks.self, BackendIngest.self]
    )
}

/// Times `iterations` runs of `body` after a short warm-up and returns one printable row.
func measure(_ name: String, iterations: Int, _ body: () throws -> Void) rethrows -> String {
    for _ in 0..<max(1, iterations / 10) { try body() }
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<iterations { try body() }
    let elapsed = start.duration(to: clock.now)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let nsPerOp = seconds * 1e9 / Double(iterations)
    return name.padding(toLength: 44, withPad: " ", startingAt: 0)
        + String(format: "%12.0f ops/s %12.1f µs/op", Double(iterations) / seconds, nsPerOp / 1000)
}
