import Foundation
import GRDB
import GRDBSQLite

/// A cached GRDB statement bound, stepped and read through SQLite's C API, for the few statements on the hot
/// paths: what every webhook runs in the writer, and the invoice read of every reminder.
///
/// On these, GRDB's convenience cost more than SQLite's own work: `StatementArguments` boxes every value in an
/// existential and validates them, strings are bound through nested closures, and each row read builds a
/// column dictionary. This binds and reads typed values directly, inside a GRDB access block (writes inside
/// the transaction GRDB opened); values are copied when bound (`SQLITE_TRANSIENT`) and the statement is reset
/// before every use and after ``execute()``, so nothing outlives the call. GRDB is not told these statements
/// run, so its transaction observers may miss their changes: this app registers none (a `ValueObservation`
/// added later must not watch the tables written here, or these statements must go back to GRDB).
struct RawStatement {
    private let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    private var handle: OpaquePointer { statement.sqliteStatement }

    // MARK: Binding (1-based, like `?` positions)

    func bind(_ index: Int32, _ value: String?) {
        guard var value else { return }  // cleared bindings are NULL
        value.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                return
            }
            _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
        }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else { return }
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int?) { bind(index, value.map(Int64.init)) }

    /// A date in the storage format GRDB reads (see ``StoredDate``).
    func bind(_ index: Int32, _ value: Date?) {
        guard let value else { return }
        let bound: Void? = StoredDate.withText(value) { text in
            text.withMemoryRebound(to: CChar.self) { _ = sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
        }
        if bound == nil {
            // Outside the years formatted by arithmetic: GRDB's own format (its `DateFormatter`).
            bind(index, String.fromDatabaseValue(value.databaseValue))
        }
    }

    func bind(_ index: Int32, blob value: [UInt8]) {
        value.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                _ = sqlite3_bind_zeroblob(handle, index, 0)  // empty, not NULL
                return
            }
            _ = sqlite3_bind_blob(handle, index, base, Int32(bytes.count), Self.transient)
        }
    }

    // MARK: Running

    /// Runs the statement to its end (a write).
    func execute() throws {
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            if code != SQLITE_ROW { throw error(code) }
        }
    }

    /// Steps to the first row: `true` when there is one (read it with the column accessors, then ``finish()``).
    func firstRow() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        sqlite3_reset(handle)
        if code == SQLITE_DONE { return false }
        throw error(code)
    }

    /// Ends a read started with ``firstRow()``.
    func finish() { sqlite3_reset(handle) }

    // MARK: Reading the current row (0-based columns)

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    /// A date column in the storage format (see ``StoredDate``), or `nil` when it is NULL or unreadable.
    func date(_ column: Int32) -> Date? {
        string(column).flatMap { StoredDate.fromDatabaseValue($0.databaseValue)?.date }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
    }

    /// SQLite copies the value before the bind call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
