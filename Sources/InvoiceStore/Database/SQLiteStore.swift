import Foundation
import GRDB

/// The SQLite implementation of every storage seam declared in `StoreSeams` (see the `SQLiteStore+*.swift` files).
///
/// A PostgreSQL implementation conforms to the same protocols; nothing above the stores sees SQL or GRDB types
/// (`StoreConformanceTests` checks each backend against the protocols' contracts).
package struct SQLiteStore: Sendable {
    package let database: AppDatabase

    package init(_ database: AppDatabase) {
        self.database = database
    }

    var writer: any DatabaseWriter { database.writer }
}
