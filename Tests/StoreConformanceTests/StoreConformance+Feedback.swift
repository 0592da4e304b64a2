import Foundation
import InvoiceDomain
import StoreSeams
import Testing

// MARK: - FeedbackStore and SuppressionWriter

extension StoreConformance {
    /// One sent e-mail for `in_1` with SendGrid message id `sg_1`; returns its delivery id.
    private func sentDelivery(_ store: any ConformingStore) async throws -> Int64 {
        _ = try await store.ingest(Fixture.event("evt_in_1", invoice: "in_1"))
        _ = try await store.enqueue([Fixture.reminder("in_1")], now: Fixture.now)
        let claimed = try await store.claimDue(now: Fixture.now, limit: 10, owner: "a", lease: 60)
        let delivery = try #require(claimed.first)
        let transition = DeliveryTransition.sent(provider: "sendgrid", messageId: "sg_1", templateId: "email/overdue/en", templateVersion: 1)
        #expect(try await store.completeAll([DeliveryCompletion(deliveryId: delivery.id, owner: "a", attempt: nil, transition: transition, now: Fixture.now)])
            .map { try $0.get() } == [true])
        return delivery.id
    }

    @Test(arguments: Backend.available)
    func aProviderStatusIsRecordedByMessageIdAndNeverMovesBackwards(backend: Backend) async throws {
        try await backend.withStore { store in
            let id = try await sentDelivery(store)
            let later = Fixture.now.addingTimeInterval(60)
            let delivered = ProviderStatusReport(provider: .sendgrid, references: [.providerMessageId("sg_1")], status: .delivered)
            #expect(try await store.recordProviderStatus(delivered, at: later) == .recorded(deliveryId: id, suppressed: false))
            let queued = ProviderStatusReport(provider: .sendgrid, references: [.providerMessageId("sg_1")], status: .queued)
            #expect(try await store.recordProviderStatus(queued, at: later) == .unchanged(deliveryId: id, suppressed: false))
            let byKey = ProviderStatusReport(
                provider: .sendgrid, references: [.providerMessageId("unknown"), .idempotencyKey(Delivery.key(invoiceId: "in_1", step: "due_in_3d", channel: .email))],
                status: .complained, errorCode: "spam", suppress: .complaint
            )
            #expect(try await store.recordProviderStatus(byKey, at: later) == .recorded(deliveryId: id, suppressed: true))
            #expect(try await store.providerFeedback(deliveryIds: [id, 999]) == [id: ProviderFeedback(deliveryId: id, status: .complained, errorCode: "spam", at: later)])
            let suppression = try #require(try await store.suppression(channel: .email, address: " ADA@example.com "))
            #expect(suppression.reason == .complaint && suppression.deliveryId == id && suppression.provider == "sendgrid")
            #expect(try await store.deliveryCheck(invoiceId: "in_1", channel: .email, deliveryId: nil).suppressed)
            let wrongProvider = ProviderStatusReport(provider: .postmark, references: [.providerMessageId("sg_1")], status: .bounced)
            #expect(try await store.recordProviderStatus(wrongProvider, at: later) == .unknownMessage(suppressed: false))
        }
    }

    @Test(arguments: Backend.available)
    func deliveriesAreFilteredByTheirProviderStatus(backend: Backend) async throws {
        try await backend.withStore { store in
            let id = try await sentDelivery(store)
            #expect(try await store.deliveries(matching: DeliveryFilter(providerStatus: .bounced), limit: 10, before: nil).isEmpty)
            let bounced = ProviderStatusReport(provider: .sendgrid, references: [.providerMessageId("sg_1")], status: .bounced)
            _ = try await store.recordProviderStatus(bounced, at: Fixture.now)
            #expect(try await store.deliveries(matching: DeliveryFilter(providerStatus: .bounced), limit: 10, before: nil).map(\.id) == [id])
            #expect(try await store.deliveries(matching: DeliveryFilter(providerStatus: .delivered), limit: 10, before: nil).isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func suppressionsAreAddedOnceListedNewestFirstAndRemoved(backend: Backend) async throws {
        try await backend.withStore { (store: any ConformingStore) async throws -> Void in
            let first = Suppression(channel: .sms, address: "+44 7700-900123", reason: .stop, provider: "twilio", deliveryId: nil, detail: nil, createdAt: Fixture.now)
            #expect(try await store.suppress(first))
            #expect(try await !store.suppress(first), "already suppressed")
            let second = Suppression(channel: .email, address: "b@example.com", reason: .hardBounce, provider: nil, deliveryId: nil, detail: "550", createdAt: Fixture.now.addingTimeInterval(10))
            #expect(try await store.suppress(second))
            #expect(try await store.suppressions(channel: nil, limit: 10, before: nil).map(\.address) == ["b@example.com", "+447700900123"])
            #expect(try await store.suppressions(channel: .sms, limit: 10, before: nil) == [first])
            #expect(try await store.suppressions(channel: nil, limit: 10, before: Fixture.now.addingTimeInterval(10)).map(\.address) == ["+447700900123"])
            #expect(try await store.removeSuppression(channel: .sms, address: "+447700900123") == first)
            #expect(try await store.removeSuppression(channel: .sms, address: "+447700900123") == nil)
            #expect(try await store.suppression(channel: .sms, address: "+447700900123") == nil)
            let unknown = ProviderStatusReport(provider: .twilio, references: [.providerMessageId("SM_none")], status: .failed, address: "+15555550100", suppress: .carrier)
            #expect(try await store.recordProviderStatus(unknown, at: Fixture.now) == .unknownMessage(suppressed: true))
        }
    }
}
