import Foundation
import GRDB
import Testing

@testable import InvoiceStore

/// The background checkpointer copies the writer's WAL frames into the database file from its own connection.
@Suite struct WALCheckpointerTests {
    @Test func copiesTheLogIntoTheDatabaseFileWhileTheWriterKeepsWriting() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        // A threshold no commit here reaches: only the checkpointer copies frames.
        let database = try AppDatabase.open(path: path, walAutocheckpointPages: 1_000_000)
        let checkpointer = try WALCheckpointer(path: path, interval: .milliseconds(10))
        let store = SQLiteStore(database)
        for index in 0..<50 {
            try await store.setOptOut(customerId: "cus_\(index)", channel: .email, optedOut: true, now: Date())
        }
        let progress = try checkpointer.checkpoint()
        #expect(progress.logFrames > 0)
        #expect(progress.checkpointedFrames == progress.logFrames)

        // Running on its timer while the writer goes on: the log keeps being copied, and nothing written is lost.
        let running = Task { await checkpointer.run() }
        for index in 50..<150 {
            try await store.setOptOut(customerId: "cus_\(index)", channel: .sms, optedOut: true, now: Date())
        }
        try await Task.sleep(for: .milliseconds(50))
        running.cancel()
        await running.value
        let last = try checkpointer.checkpoint()
        #expect(last.checkpointedFrames == last.logFrames)
        #expect(try await store.optOuts(customerIds: Set((0..<150).map { "cus_\($0)" })).count == 150)
    }
}
