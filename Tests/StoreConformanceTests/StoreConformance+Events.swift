import Foundation
import InvoiceDomain
import StoreSeams
import Testing

// MARK: - IngestStore and EventAdministration

extension StoreConformance {
    @Test(arguments: Backend.available)
    func theSameEventTwiceIsStoredOnceAndTheSecondIsADuplicate(backend: Backend) async throws {
        try await backend.withStore { store in
            let event = Fixture.event("evt_1", invoice: "in_1")
            let first = try await store.ingest(event)
            let second = try await store.ingest(event)

            guard case .stored(let id, .applied, nil) = first else { Issue.record("first copy: \(first)"); return }
            #expect(second == .duplicate(id: id, status: .applied))
            #expect(try await store.events(matching: EventFilter(invoiceId: "in_1"), limit: 10, before: nil).count == 1)
            #expect(try await store.event(id: id)?.duplicateCount == 1)
        }
    }

    @Test(arguments: Backend.available)
    func twoCopiesInOneBatchAreCountedNotReapplied(backend: Backend) async throws {
        try await backend.withStore { store in
            let event = Fixture.event("evt_a", invoice: "in_a")
            let results = try await store.ingest([event, event])

            guard case .success(.stored(let id, .applied, nil)) = results[0] else { Issue.record("first copy: \(results)"); return }
            #expect(try results[1].get() == .duplicate(id: id, status: .applied))
            #expect(try await store.event(id: id)?.duplicateCount == 1)
        }
    }

    @Test(arguments: Backend.available)
    func twentyConcurrentCopiesOfOneEventStoreExactlyOne(backend: Backend) async throws {
        try await backend.withStore { store in
            let event = Fixture.event("evt_race", invoice: "in_race")
            let results = try await withThrowingTaskGroup(of: IngestResult.self) { group in
                for _ in 0..<20 { group.addTask { try await store.ingest(event) } }
                return try await group.reduce(into: [IngestResult]()) { $0.append($1) }
            }

            #expect(results.filter { !$0.isDuplicate }.count == 1)
            #expect(results.filter(\.isDuplicate).count == 19)
            #expect(Set(results.map(\.eventRowId)).count == 1, "every copy names the one stored row")
            #expect(try await store.events(matching: EventFilter(invoiceId: "in_race"), limit: 50, before: nil).count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func anOlderEventAfterANewerOneIsSuperseded(backend: Backend) async throws {
        try await backend.withStore { store in
            let newer = Fixture.event("evt_new", invoice: "in_1", kind: .updated, createdAt: Fixture.now.addingTimeInterval(60),
                                      snapshot: Fixture.snapshot("in_1", amountDue: 20_000))
            let older = Fixture.event("evt_old", invoice: "in_1", createdAt: Fixture.now)

            #expect(try await store.ingest(newer).status == .applied)
            #expect(try await store.ingest(older).status == .superseded)
            let invoice = try #require(try await store.invoice(id: "in_1"))
            #expect(invoice.lastEventId == "evt_new")
            #expect(invoice.snapshot.amountDue == 20_000)
        }
    }

    @Test(arguments: Backend.available)
    func aPaidInvoiceIsNotReopenedByALaterOpenEvent(backend: Backend) async throws {
        try await backend.withStore { store in
            let opened = try await store.ingest(Fixture.event("evt_open", invoice: "in_1", createdAt: Fixture.now))
            let paid = try await store.ingest(Fixture.paid("evt_paid", invoice: "in_1", createdAt: Fixture.now.addingTimeInterval(10)))
            let reopen = Fixture.event("evt_reopen", invoice: "in_1", kind: .updated, createdAt: Fixture.now.addingTimeInterval(20))
            let reopened = try await store.ingest(reopen)
            let invoice = try await store.invoice(id: "in_1")

            #expect([opened.status, paid.status, reopened.status] == [.applied, .applied, .superseded])
            #expect(invoice?.status == .paid)
        }
    }

    @Test(arguments: Backend.available)
    func oneBadEventInABatchDoesNotStopTheOthers(backend: Backend) async throws {
        try await backend.withStore { store in
            let invalid = IncomingEvent(
                source: "stripe", eventId: "evt_bad", origin: .webhook, receivedAt: Fixture.now, headers: [:], body: Array("{}".utf8),
                content: .invalid(type: "invoice.paid", createdAt: nil, reason: "missing invoice id")
            )
            let results = try await store.ingest([Fixture.event("evt_a", invoice: "in_a"), invalid, Fixture.event("evt_b", invoice: "in_b")])

            #expect(try results.map { try $0.get().status } == [.applied, .quarantined, .applied])
            #expect(try await store.invoice(id: "in_a") != nil)
            #expect(try await store.invoice(id: "in_b") != nil)
        }
    }

    @Test(arguments: Backend.available)
    func eventsAreListedNewestFirstByFilterAndPage(backend: Backend) async throws {
        try await backend.withStore { store in
            for index in 1...5 {
                _ = try await store.ingest(Fixture.event("evt_\(index)", invoice: "in_\(index % 2)", createdAt: Fixture.now.addingTimeInterval(Double(index))))
            }
            let all = try await store.events(matching: EventFilter(), limit: 10, before: nil)
            #expect(all.map(\.eventId) == ["evt_5", "evt_4", "evt_3", "evt_2", "evt_1"])

            let page = try await store.events(matching: EventFilter(), limit: 2, before: all[1].id)
            #expect(page.map(\.eventId) == ["evt_3", "evt_2"])
            #expect(try await store.events(matching: EventFilter(invoiceId: "in_0"), limit: 10, before: nil).map(\.eventId) == ["evt_4", "evt_2"])
            #expect(try await store.events(matching: EventFilter(status: .quarantined), limit: 10, before: nil).isEmpty)
            #expect(try await store.events(matching: EventFilter(duplicatesOnly: true), limit: 10, before: nil).isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func onlyAQuarantinedEventIsReprocessed(backend: Backend) async throws {
        try await backend.withStore { store in
            let quarantined = try await store.ingest(IncomingEvent(
                source: "stripe", eventId: "evt_q", origin: .webhook, receivedAt: Fixture.now, headers: [:], body: Array("{}".utf8),
                content: .invalid(type: "invoice.finalized", createdAt: Fixture.now, reason: "unknown field")
            ))
            let applied = try await store.ingest(Fixture.event("evt_ok", invoice: "in_ok"))
            let fixed = Fixture.event("evt_q", invoice: "in_q").content

            #expect(try await store.reprocess(id: quarantined.eventRowId, content: fixed, at: Fixture.now) == .applied)
            #expect(try await store.invoice(id: "in_q") != nil)
            let error = await #expect(throws: StoreError.self) {
                try await store.reprocess(id: applied.eventRowId, content: fixed, at: Fixture.now)
            }
            #expect(error?.isConflict == true)
            #expect(try await store.reprocess(id: 999_999, content: fixed, at: Fixture.now) == nil)
        }
    }
}
