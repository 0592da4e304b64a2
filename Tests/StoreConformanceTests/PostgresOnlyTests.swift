import Foundation
import InvoiceDomain
import PostgresStore
import PostgresTestSupport
import StoreSeams
import Testing

/// What only the PostgreSQL backend has: leader leases, the migration history, URL parsing, and claims that race
/// across separate pools (as separate relays would).
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, "PostgreSQL tests skipped: INVOICE_RELAY_TEST_POSTGRES_URL is not set"))
struct PostgresOnlyTests {
    @Test func aLeaderLeaseHasOneHolderUntilItLapsesOrIsReleased() async throws {
        try await PostgresTestDatabase.withStore { store in
            #expect(try await store.acquireLeadership(role: "planning", holder: "a", duration: 60))
            #expect(try await !store.acquireLeadership(role: "planning", holder: "b", duration: 60))
            #expect(try await store.acquireLeadership(role: "planning", holder: "a", duration: 0.2), "the holder renews")
            #expect(try await store.acquireLeadership(role: "reconciliation", holder: "b", duration: 60), "roles are separate")
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await store.acquireLeadership(role: "planning", holder: "b", duration: 60), "a lapsed lease is taken over")
            #expect(try await !store.acquireLeadership(role: "planning", holder: "a", duration: 60))
            try await store.releaseLeadership(role: "planning", holder: "a")
            #expect(try await !store.acquireLeadership(role: "planning", holder: "a", duration: 60), "only the holder releases")
            try await store.releaseLeadership(role: "planning", holder: "b")
            #expect(try await store.acquireLeadership(role: "planning", holder: "a", duration: 60))
        }
    }

    @Test func migratingTwiceAppliesNothingAndTheSchemaIsCurrent() async throws {
        try await PostgresTestDatabase.withStore { store in
            #expect(try await PostgresMigrations.migrate(store.client, logger: .init(label: "test")).isEmpty)
            #expect(try await store.isSchemaCurrent())
            try await store.ping()
        }
    }

    @Test func claimsFromTwoPoolsNeverOverlap() async throws {
        try await PostgresTestDatabase.withSchema { endpoint in
            let first = PostgresClientService(configuration: endpoint.clientConfiguration(tls: .disable, poolSize: 4), logger: .init(label: "a"))
            let second = PostgresClientService(configuration: endpoint.clientConfiguration(tls: .disable, poolSize: 4), logger: .init(label: "b"))
            defer { Task { await first.shutdown(); await second.shutdown() } }
            try await PostgresMigrations.migrate(first.client, logger: .init(label: "a"))
            let stores = [PostgresStore(client: first.client), PostgresStore(client: second.client)]
            for start in stride(from: 0, to: 300, by: 100) {
                for result in try await stores[0].ingest((start..<start + 100).map { Fixture.event("evt_\($0)", invoice: "in_\($0)") }) { _ = try result.get() }
            }
            _ = try await stores[0].enqueue((0..<300).map { Fixture.reminder("in_\($0)") }, now: Fixture.now)
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for worker in 0..<6 {
                    let store = stores[worker % 2]
                    group.addTask {
                        var ids: [Int64] = []
                        while true {
                            let batch = try await store.claimDue(now: Fixture.now, limit: 7, owner: "worker-\(worker)", lease: 60)
                            if batch.isEmpty { return ids }
                            ids += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(claimed.count == 300)
            #expect(Set(claimed).count == 300, "no delivery claimed twice")
        }
    }
}

/// PostgreSQL URLs, parsed without a server.
@Suite struct PostgresEndpointTests {
    @Test func urlsParseAndRejectWhatTheyCannotUse() throws {
        let endpoint = try PostgresEndpoint(url: "postgres://relay:s%40cret@db.internal:6543/relay_prod")
        #expect(endpoint == PostgresEndpoint(host: "db.internal", port: 6543, username: "relay", password: "s@cret", database: "relay_prod"))
        #expect(try PostgresEndpoint(url: "postgresql://relay@localhost/relay").port == 5432)
        for bad in ["mysql://relay@h/db", "postgres://h/db", "postgres://relay@h", "postgres://relay@h/db?sslmode=require", "not a url"] {
            #expect(throws: PostgresEndpointError.self, "\(bad)") { try PostgresEndpoint(url: bad) }
        }
    }
}
