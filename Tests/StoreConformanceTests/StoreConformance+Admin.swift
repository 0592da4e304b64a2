import Foundation
import StoreSeams
import Testing

// MARK: - TokenAuthentication, TokenAdministration, IdempotencyKeys and AuditLog

extension StoreConformance {
    private func newToken(_ name: String, prefix: String, scope: TokenScope = .admin) -> NewAPIToken {
        NewAPIToken(name: name, prefix: prefix, tokenHash: String(repeating: "ab", count: 32), scope: scope, expiresAt: nil)
    }

    @Test(arguments: Backend.available)
    func tokensAreCreatedFoundByPrefixAndRevoked(backend: Backend) async throws {
        try await backend.withStore { store in
            let ops = try await store.createToken(newToken("ops", prefix: "irt_aaaaaaaa"), now: Fixture.now)
            let ci = try await store.createToken(newToken("ci", prefix: "irt_bbbbbbbb", scope: .read), now: Fixture.now)

            #expect(try await store.token(prefix: "irt_aaaaaaaa") == ops)
            #expect(try await store.token(prefix: "irt_cccccccc") == nil)
            #expect(try await store.tokens(includeRevoked: false).map(\.name) == ["ops", "ci"])
            let taken = await #expect(throws: StoreError.self) { try await store.createToken(newToken("other", prefix: "irt_aaaaaaaa"), now: Fixture.now) }
            #expect(taken?.isConflict == true, "prefixes are unique")
            let sameName = await #expect(throws: StoreError.self) { try await store.createToken(newToken("ops", prefix: "irt_dddddddd"), now: Fixture.now) }
            #expect(sameName?.isConflict == true, "one active token per name")

            let revoked = try await store.revokeTokens(matching: ci.prefix, now: Fixture.now.addingTimeInterval(5))
            #expect(revoked.map(\.id) == [ci.id])
            #expect(revoked.first?.revokedAt == Fixture.now.addingTimeInterval(5))
            #expect(try await store.token(prefix: ci.prefix)?.isActive(at: Fixture.now.addingTimeInterval(6)) == false)
            #expect(try await store.tokens(includeRevoked: false).map(\.name) == ["ops"])
            #expect(try await store.tokens(includeRevoked: true).count == 2)

            let again = await #expect(throws: StoreError.self) { try await store.revokeTokens(matching: ci.prefix, now: Fixture.now) }
            #expect(again?.isConflict == true)
            let unknown = await #expect(throws: StoreError.self) { try await store.revokeTokens(matching: "nobody", now: Fixture.now) }
            #expect(unknown?.isNotFound == true)
            #expect(try await store.revokeTokens(matching: "ops", now: Fixture.now).map(\.id) == [ops.id], "by name")
            _ = try await store.createToken(newToken("ci", prefix: "irt_eeeeeeee"), now: Fixture.now)
        }
    }

    @Test(arguments: Backend.available)
    func usingATokenRecordsWhen(backend: Backend) async throws {
        try await backend.withStore { store in
            let token = try await store.createToken(newToken("ops", prefix: "irt_aaaaaaaa"), now: Fixture.now)
            #expect(token.lastUsedAt == nil)
            try await store.markTokenUsed(id: token.id, at: Fixture.now.addingTimeInterval(30))
            #expect(try await store.token(prefix: token.prefix)?.lastUsedAt == Fixture.now.addingTimeInterval(30))
        }
    }

    @Test(arguments: Backend.available)
    func anIdempotencyKeyStartsOnceThenReplaysItsResponse(backend: Backend) async throws {
        try await backend.withStore { store in
            func begin(_ key: String, _ hash: String, at offset: TimeInterval = 0) async throws -> IdempotencyOutcome {
                try await store.beginIdempotentRequest(actor: "ops", key: key, requestHash: hash, now: Fixture.now.addingTimeInterval(offset), staleAfter: 60)
            }
            #expect(try await begin("k1", "h1") == .started)
            #expect(try await begin("k1", "h1") == .inProgress)
            #expect(try await begin("k1", "h2") == .mismatch)
            #expect(try await store.beginIdempotentRequest(actor: "ci", key: "k1", requestHash: "h9", now: Fixture.now, staleAfter: 60) == .started,
                    "keys belong to their actor")

            try await store.finishIdempotentRequest(actor: "ops", key: "k1", status: 201, body: Array(#"{"ok":true}"#.utf8))
            #expect(try await begin("k1", "h1") == .replay(status: 201, body: Array(#"{"ok":true}"#.utf8)))
            #expect(try await begin("k1", "h2") == .mismatch)
        }
    }

    @Test(arguments: Backend.available)
    func anAbandonedOrStaleReservationCanBeTakenAgain(backend: Backend) async throws {
        try await backend.withStore { store in
            func begin(_ key: String, at offset: TimeInterval = 0) async throws -> IdempotencyOutcome {
                try await store.beginIdempotentRequest(actor: "ops", key: key, requestHash: "h", now: Fixture.now.addingTimeInterval(offset), staleAfter: 60)
            }
            #expect(try await begin("abandoned") == .started)
            try await store.abandonIdempotentRequest(actor: "ops", key: "abandoned")
            #expect(try await begin("abandoned") == .started)

            #expect(try await begin("crashed") == .started)
            #expect(try await begin("crashed", at: 59) == .inProgress)
            #expect(try await begin("crashed", at: 61) == .started, "a reservation older than staleAfter is taken over")

            try await store.finishIdempotentRequest(actor: "ops", key: "crashed", status: 200, body: [])
            try await store.abandonIdempotentRequest(actor: "ops", key: "crashed")
            #expect(try await begin("crashed", at: 62) == .replay(status: 200, body: []), "a finished request is not abandoned")
        }
    }

    @Test(arguments: Backend.available)
    func theAuditLogIsListedNewestFirstByFilterAndPage(backend: Backend) async throws {
        try await backend.withStore { store in
            let entries = [
                ("api:ops", "template.update", "email/overdue/en"),
                ("cli:root", "delivery.replay", "delivery:1"),
                ("api:ops", "delivery.replay", "delivery:2"),
                ("api:ops", "token.create", nil),
            ]
            var appended: [AuditEntry] = []
            for (index, (actor, action, target)) in entries.enumerated() {
                appended.append(try await store.appendAudit(
                    actor: actor, action: action, target: target, detail: #"{"n":"\#(index)"}"#, at: Fixture.now.addingTimeInterval(Double(index))
                ))
            }

            let all = try await store.auditEntries(matching: AuditFilter(), limit: 10, before: nil)
            #expect(all == appended.reversed())
            #expect(try await store.auditEntries(matching: AuditFilter(actor: "api:ops"), limit: 10, before: nil).map(\.target) == [nil, "delivery:2", "email/overdue/en"])
            #expect(try await store.auditEntries(matching: AuditFilter(action: "delivery.replay"), limit: 10, before: nil).map(\.actor) == ["api:ops", "cli:root"])
            #expect(try await store.auditEntries(matching: AuditFilter(target: "delivery:1"), limit: 10, before: nil).map(\.id) == [appended[1].id])
            #expect(try await store.auditEntries(matching: AuditFilter(), limit: 2, before: all[1].id).map(\.id) == [appended[1].id, appended[0].id])
        }
    }
}
