import Foundation
import InvoiceStore
import StoreSeams
import Testing

/// Every seam a backend implements. The suite reaches a store only through these protocols: a backend that
/// conforms and passes ``StoreConformance`` can replace `SQLiteStore` anywhere.
typealias ConformingStore = IngestStore & EventAdministration & InvoiceQueries & ReminderPlanningStore & OutboxQueue
    & OutboxAdministration & TemplateCatalog & ReconcileStore
    & TokenAuthentication & TokenAdministration & AuditLog & IdempotencyKeys & HealthProbe & ReminderControl

/// The storage backends under test. Adding a backend is adding a case here and its branch in ``withStore(_:)``.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite

    var testDescription: String { rawValue }

    /// Runs `body` against a fresh, empty, migrated store of this backend, then throws the store away.
    ///
    /// SQLite uses a WAL file in a temporary folder (a `DatabasePool`, as in production) rather than an in-memory
    /// queue, so concurrent callers really race for the writer.
    func withStore<T>(_ body: (any ConformingStore) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-conformance-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let database = try AppDatabase.open(path: folder.appendingPathComponent("relay.sqlite").path, synchronous: .normal)
            return try await body(SQLiteStore(database))
        }
    }
}

/// The conformance suite: each test runs once per ``Backend`` and talks to the store only through `StoreSeams`.
/// The tests are spread over `StoreConformance+<Area>.swift`, one file per seam.
@Suite struct StoreConformance {}
