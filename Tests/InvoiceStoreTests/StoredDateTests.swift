import Foundation
import GRDB
import Testing

@testable import InvoiceStore

/// `StoredDate` must bind exactly the text GRDB's own `Date` binding produces, or reads and range queries would change.
@Suite struct StoredDateTests {
    private func grdbText(_ date: Date) -> String? { String.fromDatabaseValue(date.databaseValue) }

    @Test(arguments: [
        0.0, -0.0005, 0.0005, 0.999, 1.0, 59.9999, 86_399.999_9, 951_782_400, 951_868_799.999, 1_709_164_800.5,
        1_764_000_100.123, 1_764_000_100.1234, 4_102_444_799.999, -1.5, -86_400, -2_208_988_800, -11_676_096_000,
        253_402_300_799.999,
    ])
    func matchesGRDBAtEdges(secondsSince1970: Double) {
        let date = Date(timeIntervalSince1970: secondsSince1970)
        #expect(StoredDate(date).databaseValue == date.databaseValue)
        #expect(StoredDate.text(date) == grdbText(date))
    }

    @Test func matchesGRDBForRandomDates() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let seconds = Double.random(in: -11_676_096_000...253_402_300_799, using: &generator)
            let date = Date(timeIntervalSince1970: seconds)
            #expect(StoredDate.text(date) == grdbText(date), "\(seconds)")
        }
    }

    @Test func defersToGRDBOutsideItsYears() {
        for seconds in [-11_676_096_000.001, -62_135_596_800, 253_402_300_800] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(StoredDate.text(date) == nil)
            #expect(StoredDate(date).databaseValue == date.databaseValue)
        }
    }

    @Test func readsBackTheSameDate() throws {
        let date = Date(timeIntervalSince1970: 1_764_000_100.25)
        #expect(StoredDate.fromDatabaseValue(StoredDate(date).databaseValue)?.date == date)
    }
}

/// Reading must give the very `Date` GRDB's own parser gives, or equal-second comparisons in the state machine could differ.
@Suite struct StoredDateParsingTests {
    @Test func readsWhatGRDBReadsForRandomDates() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let seconds = Double.random(in: -11_676_096_000...253_402_300_799, using: &generator)
            let whole = Date(timeIntervalSince1970: seconds.rounded(.down))
            for date in [Date(timeIntervalSince1970: seconds), whole] {
                let text = try #require(StoredDate.text(date))
                #expect(StoredDate.fromDatabaseValue(text.databaseValue)?.date == Date.fromDatabaseValue(text.databaseValue), "\(text)")
                if date == whole { #expect(StoredDate.date(text) == whole, "whole seconds are read without GRDB: \(text)") }
            }
        }
    }

    @Test(arguments: ["2025-11-24 16:01:40.250", "2025-02-29 00:00:00.000", "2025-13-01 00:00:00.000", "2025-01-01 24:00:00.000", "2025-01-01T00:00:00.000",
                      "2025-01-01 00:00:00", "2025-01-01 00:00:00.0000", "1599-12-31 23:59:59.999", "20x5-01-01 00:00:00.000"])
    func leavesAnythingElseToGRDB(_ text: String) {
        #expect(StoredDate.date(text) == nil)
    }

    @Test func fallsBackToGRDBForOtherFormats() {
        let value = "2025-11-24 16:01:40".databaseValue
        #expect(StoredDate.fromDatabaseValue(value)?.date == Date.fromDatabaseValue(value))
        #expect(StoredDate.fromDatabaseValue(value)?.date == Date(timeIntervalSince1970: 1_764_000_100))
    }
}
