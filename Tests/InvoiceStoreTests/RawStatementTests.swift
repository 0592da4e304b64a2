import Foundation
import GRDB
import Testing

@testable import InvoiceStore

/// `RawStatement` binds through SQLite's C API what GRDB's `StatementArguments` would bind, so rows written on the
/// hot path read back exactly as GRDB-written rows do.
@Suite struct RawStatementTests {
    private func table() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT, number INTEGER, date TEXT, blob BLOB, UNIQUE (text))")
        }
        return queue
    }

    @Test func bindsWhatGRDBBinds() throws {
        let queue = try table()
        let dates = [Date(timeIntervalSince1970: 1_764_000_100.123), Date(timeIntervalSince1970: -62_135_596_800)]  // the second: GRDB's formatter
        try queue.write { db in
            for (index, date) in dates.enumerated() {
                let raw = try RawStatement(db, sql: "INSERT INTO t (text, number, date, blob) VALUES (?, ?, ?, ?)")
                raw.bind(1, "raw é \(index)")
                raw.bind(2, Int64(-42))
                raw.bind(3, date)
                raw.bind(4, blob: [0, 1, 255])
                try raw.execute()
                try db.execute(
                    sql: "INSERT INTO t (text, number, date, blob) VALUES (?, ?, ?, ?)",
                    arguments: ["grdb é \(index)", -42, date, Data([0, 1, 255])]
                )
            }
        }
        let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT text, number, date, blob FROM t ORDER BY id") }
        for pair in stride(from: 0, to: rows.count, by: 2) {
            let (raw, grdb) = (rows[pair], rows[pair + 1])
            #expect((raw["text"] as String).dropFirst(3) == (grdb["text"] as String).dropFirst(4))
            for column in ["number", "date", "blob"] { #expect(raw[column] as DatabaseValue == grdb[column] as DatabaseValue, "\(column)") }
        }
    }

    @Test func emptyValuesAreNotNullAndMissingOnesAre() throws {
        let queue = try table()
        try queue.write { db in
            let raw = try RawStatement(db, sql: "INSERT INTO t (text, number, date, blob) VALUES (?, ?, ?, ?)")
            raw.bind(1, "")
            raw.bind(2, Int64?.none)
            raw.bind(3, Date?.none)
            raw.bind(4, blob: [])
            try raw.execute()
        }
        let row = try #require(try queue.read { db in try Row.fetchOne(db, sql: "SELECT text, number, date, blob FROM t") })
        #expect(row["text"] as String? == "")
        #expect(row["blob"] as Data? == Data())
        #expect((row["number"] as DatabaseValue).isNull)
        #expect((row["date"] as DatabaseValue).isNull)
    }

    @Test func readsTheFirstRowAndReportsNone() throws {
        let queue = try table()
        try queue.write { db in try db.execute(sql: "INSERT INTO t (text, number) VALUES ('a', 7)") }
        try queue.read { db in
            let query = try RawStatement(db, sql: "SELECT id, text, number FROM t WHERE text = ?")
            query.bind(1, "a")
            #expect(try query.firstRow())
            #expect(query.string(1) == "a")
            #expect(query.int64(2) == 7)
            #expect(!query.isNull(0))
            query.finish()
            // The cached statement is reset and unbound for its next use.
            let again = try RawStatement(db, sql: "SELECT id, text, number FROM t WHERE text = ?")
            again.bind(1, "missing")
            #expect(try !again.firstRow())
        }
    }

    @Test func constraintViolationsThrowDatabaseErrors() throws {
        let queue = try table()
        try queue.write { db in
            let insert = try RawStatement(db, sql: "INSERT INTO t (text) VALUES (?)")
            insert.bind(1, "same")
            try insert.execute()
            let again = try RawStatement(db, sql: "INSERT INTO t (text) VALUES (?)")
            again.bind(1, "same")
            #expect(throws: DatabaseError.self) { try again.execute() }
            // The statement is usable again after the failure.
            let other = try RawStatement(db, sql: "INSERT INTO t (text) VALUES (?)")
            other.bind(1, "other")
            try other.execute()
        }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") } == 2)
    }
}
