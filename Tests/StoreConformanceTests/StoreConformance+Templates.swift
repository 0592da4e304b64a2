import Foundation
import StoreSeams
import Testing

// MARK: - TemplateSource and TemplateCatalog

extension StoreConformance {
    @Test(arguments: Backend.available)
    func savingAppendsAVersionAndTheLatestIsTheHighest(backend: Backend) async throws {
        try await backend.withStore { store in
            let id = "email/overdue/en"
            #expect(try await store.latestTemplate(id: id) == nil)
            let first = try await store.saveTemplate(id: id, subject: "Due", html: "<p>v1</p>", text: "v1", createdBy: "ops", note: "first", now: Fixture.now)
            let second = try await store.saveTemplate(id: id, subject: "Overdue", html: nil, text: "v2", createdBy: "ops", note: nil, now: Fixture.now.addingTimeInterval(1))

            #expect(first.version == 1)
            #expect(second.version == 2)
            #expect(try await store.latestTemplate(id: id) == second)
            #expect(try await store.template(id: id, version: 1) == first)
            #expect(try await store.template(id: id, version: 3) == nil)
            #expect(try await store.templateVersions(id: id).map(\.version) == [2, 1])
        }
    }

    @Test(arguments: Backend.available)
    func latestTemplatesHoldsTheCurrentVersionOfEachOrderedById(backend: Backend) async throws {
        try await backend.withStore { store in
            for (id, text) in [("sms/overdue/en", "a"), ("email/overdue/en", "b"), ("sms/overdue/en", "c")] {
                _ = try await store.saveTemplate(id: id, subject: nil, html: nil, text: text, createdBy: "ops", note: nil, now: Fixture.now)
            }
            let latest = try await store.latestTemplates()
            #expect(latest.map(\.templateId) == ["email/overdue/en", "sms/overdue/en"])
            #expect(latest.map(\.text) == ["b", "c"])
        }
    }

    @Test(arguments: Backend.available)
    func seedingAddsOnlyTemplatesWithoutAVersion(backend: Backend) async throws {
        try await backend.withStore { store in
            let edited = try await store.saveTemplate(id: "email/overdue/en", subject: "Edited", html: nil, text: "edited", createdBy: "ops", note: nil, now: Fixture.now)
            let shipped: [(id: String, subject: String?, html: String?, text: String)] = [
                (id: "email/overdue/en", subject: "Shipped", html: nil, text: "shipped"),
                (id: "sms/overdue/en", subject: nil, html: nil, text: "shipped sms"),
            ]

            #expect(try await store.seedTemplates(shipped, now: Fixture.now) == 1)
            #expect(try await store.seedTemplates(shipped, now: Fixture.now) == 0, "seeding again changes nothing")
            #expect(try await store.latestTemplate(id: "email/overdue/en") == edited, "an edit is never overwritten")
            let seeded = try #require(try await store.latestTemplate(id: "sms/overdue/en"))
            #expect(seeded.version == 1)
            #expect(seeded.createdBy == "shipped")
        }
    }
}
