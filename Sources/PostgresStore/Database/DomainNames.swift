import InvoiceDomain

/// PostgresNIO re-exports NIO, whose `Channel` would make the domain's delivery channel ambiguous in this module.
public typealias Channel = InvoiceDomain.Channel
