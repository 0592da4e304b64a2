import Foundation
import StoreSeams
import Testing

// MARK: - HealthProbe and InvoiceQueries

extension StoreConformance {
    @Test(arguments: Backend.available)
    func aFreshStoreIsWritableAndMigrated(backend: Backend) async throws {
        try await backend.withStore { store in
            try await store.ping()
            try await store.ping()
            #expect(try await store.isSchemaCurrent())
            #expect(try await store.invoices(matching: InvoiceFilter(), limit: 10, after: nil).isEmpty, "a ping changes no data")
        }
    }

    @Test(arguments: Backend.available)
    func invoicesAreListedByIdWithFilters(backend: Backend) async throws {
        try await backend.withStore { store in
            for (id, customer) in [("in_c", "cus_1"), ("in_a", "cus_2"), ("in_b", "cus_1")] {
                _ = try await store.ingest(Fixture.event("evt_\(id)", invoice: id, snapshot: Fixture.snapshot(id, customer: customer)))
            }
            _ = try await store.ingest(Fixture.paid("evt_paid", invoice: "in_a", createdAt: Fixture.now.addingTimeInterval(1), customer: "cus_2"))

            #expect(try await store.invoices(matching: InvoiceFilter(), limit: 10, after: nil).map(\.id) == ["in_a", "in_b", "in_c"])
            #expect(try await store.invoices(matching: InvoiceFilter(), limit: 10, after: "in_a").map(\.id) == ["in_b", "in_c"])
            #expect(try await store.invoices(matching: InvoiceFilter(status: .paid), limit: 10, after: nil).map(\.id) == ["in_a"])
            #expect(try await store.invoices(matching: InvoiceFilter(customerId: "cus_1"), limit: 10, after: nil).map(\.id) == ["in_b", "in_c"])
            #expect(try await store.invoice(id: "in_missing") == nil)
        }
    }
}
