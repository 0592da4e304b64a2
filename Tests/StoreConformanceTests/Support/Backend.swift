import Foundation
import InvoiceStore
import PostgresStore
import PostgresTestSupport
import StoreSeams
import Testing

/// Every seam a backend implements. The suite reaches a store only through these protocols: a backend that
/// conforms and passes ``StoreConformance`` can replace `SQLiteStore` anywhere.
typealias ConformingStore = IngestStore & EventAdministration & InvoiceQueries & ReminderPlanningStore & OutboxQueue
    & OutboxAdministration & TemplateCatalog & ReconcileStore
    & TokenAuthentication & TokenAdministration & AuditLog & IdempotencyKeys & HealthProbe & ReminderControl & FeedbackStore

/// The storage backends under test. Adding a backend is adding a case here and its branch in ``withStore(_:)``.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    /// A fresh schema per test on the server `INVOICE_RELAY_TEST_POSTGRES_URL` names (`Tests/Postgres/setup.sh`).
    case postgres

    /// The backends this run can test: PostgreSQL only when its URL is set (``StoreConformance/postgresIsConfigured()``
    /// reports, or in CI fails, its absence).
    static var available: [Backend] {
        PostgresTestDatabase.isAvailable ? allCases : allCases.filter { $0 != .postgres }
    }

    var testDescription: String { rawValue }

    /// Runs `body` against a fresh, empty, migrated store of this backend, then throws the store away.
    ///
    /// SQLite uses a WAL file in a temporary folder (a `DatabasePool`, as in production) rather than an in-memory
    /// queue, so concurrent callers really race for the writer.
    func withStore<T: Sendable>(_ body: (any ConformingStore) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-conformance-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let database = try AppDatabase.open(path: folder.appendingPathComponent("relay.sqlite").path, synchronous: .normal)
            return try await body(SQLiteStore(database))
        case .postgres:
            return try await PostgresTestDatabase.withStore { store in try await body(store) }
        }
    }
}

/// The conformance suite: each test runs once per ``Backend`` and talks to the store only through `StoreSeams`.
/// The tests are spread over `StoreConformance+<Area>.swift`, one file per seam.
@Suite struct StoreConformance {
    /// Says whether the PostgreSQL cases ran: without `INVOICE_RELAY_TEST_POSTGRES_URL` they are left out of every
    /// argument list, which this test reports — and fails in CI (`CI=true`), where PostgreSQL must be tested.
    @Test func postgresIsConfigured() {
        guard !PostgresTestDatabase.isAvailable else { return }
        if PostgresTestDatabase.isRequired {
            Issue.record("\(PostgresTestDatabase.skipMessage) (CI=true: run Tests/Postgres/setup.sh and export it)")
        } else {
            print(PostgresTestDatabase.skipMessage)
        }
    }
}
