import Foundation
import GRDB

/// The SQLite implementation of every store protocol in this module (see the `SQLiteStore+*.swift` files).
///
/// A PostgreSQL implementation would conform to the same protocols; nothing above this module
/// sees SQL or GRDB types.
public struct SQLiteStore: Sendable {
    public let database: AppDatabase

    public init(_ database: AppDatabase) {
        self.database = database
    }

    var writer: any DatabaseWriter { database.writer }
}

/// Every store the service needs, in one existential for wiring.
public typealias RelayStore = EventStore & InvoiceRepository & OutboxStore & TemplateStore & ReconcileStore
