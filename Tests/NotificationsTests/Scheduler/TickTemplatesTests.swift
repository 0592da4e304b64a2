import Foundation
import InvoiceDomain
import InvoiceStore
import StoreSeams
import Synchronization
import Testing

@testable import Notifications

/// A scheduler tick reads each template once, however many deliveries need it; the next tick sees edits.
@Suite struct TickTemplatesTests {
    /// Wraps a real store and counts `latestTemplate` reads.
    final class CountingTemplates: TemplateSource {
        let base: SQLiteStore
        let reads = Mutex(0)
        init(_ base: SQLiteStore) { self.base = base }

        func latestTemplate(id: String) async throws -> StoredTemplate? {
            reads.withLock { $0 += 1 }
            return try await base.latestTemplate(id: id)
        }
    }

    @Test func oneReadPerTemplatePerTickAndEditsApplyFromTheNextTick() async throws {
        let store = CountingTemplates(SQLiteStore(try AppDatabase.inMemory()))
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        _ = try await store.base.saveTemplate(id: "sms/overdue/en", subject: nil, html: nil, text: "v1 {{amount_remaining}}", createdBy: "test", note: nil, now: now)
        let resolver = TemplateResolver(store: store, defaultLocale: "en")

        let tick = TickTemplates(resolver)
        let versions = try await withThrowingTaskGroup(of: Int?.self) { group in
            for _ in 0..<50 { group.addTask { try await tick.resolve(channel: .sms, kind: "overdue", locale: "en")?.version } }
            return try await group.reduce(into: [Int?]()) { $0.append($1) }
        }
        #expect(versions == Array(repeating: 1, count: 50))
        #expect(store.reads.withLock { $0 } == 1, "50 concurrent lookups, one read")

        _ = try await store.base.saveTemplate(id: "sms/overdue/en", subject: nil, html: nil, text: "v2 {{amount_remaining}}", createdBy: "test", note: nil, now: now)
        #expect(try await tick.resolve(channel: .sms, kind: "overdue", locale: "en")?.version == 1, "a tick keeps what it read")
        #expect(try await TickTemplates(resolver).resolve(channel: .sms, kind: "overdue", locale: "en")?.version == 2, "the next tick sees the edit")

        // A locale without its own template falls back, and the miss is not read again within the tick.
        let before = store.reads.withLock { $0 }
        let fallback = TickTemplates(resolver)
        #expect(try await fallback.resolve(channel: .sms, kind: "overdue", locale: "de-AT")?.templateId == "sms/overdue/en")
        #expect(try await fallback.resolve(channel: .sms, kind: "overdue", locale: "de-AT")?.templateId == "sms/overdue/en")
        #expect(store.reads.withLock { $0 } - before == 3, "de-AT, de, en: read once each")
    }
}
