package import InvoiceDomain

/// PostgresNIO re-exports NIO, whose `Channel` would make the domain's delivery channel ambiguous in this module.
package typealias Channel = InvoiceDomain.Channel
