import Foundation
import InvoiceDomain
import StoreSeams
import Logging

// MARK: - Events window: fetch newest first, apply oldest first

extension Reconciler {
    /// Headers stored with every event reconciliation takes in (the audit trail of where it came from).
    static let auditHeaders = ["x-reconcile": "stripe-api"]

    func reconcileEvents(
        cursor: ReconcileCursor?,
        since: Date?,
        dryRun: Bool,
        startedAt: Date,
        progress: (@Sendable (ReconcileProgress) -> Void)?
    ) async throws -> ReconcileReport {
        let windowStart: Int64
        if let since {
            windowStart = Int64(since.timeIntervalSince1970.rounded(.down))
        } else if let cursor {
            windowStart = cursor.lastCreated - Int64(configuration.overlap.rounded(.up))
        } else {
            windowStart = Int64((startedAt.timeIntervalSince1970 - configuration.overlap).rounded(.down))
        }
        // Moving the cursor is only gap-free when the window reaches back to it.
        let mayAdvance = !dryRun && cursor.map { windowStart <= $0.lastCreated } == true
        var report = ReconcileReport(
            mode: .events, dryRun: dryRun, startedAt: startedAt,
            windowStart: Date(timeIntervalSince1970: TimeInterval(windowStart))
        )
        report.cursor = cursor

        let pages = try await fetchWindow(from: windowStart, report: &report, progress: progress)
        if dryRun {
            try await predict(pages, report: &report, progress: progress)
        } else {
            try await apply(pages, cursor: cursor, mayAdvance: mayAdvance, report: &report, progress: progress)
        }
        return report
    }

    /// Every page of the window, in the order Stripe lists them (newest first).
    private func fetchWindow(
        from windowStart: Int64,
        report: inout ReconcileReport,
        progress: (@Sendable (ReconcileProgress) -> Void)?
    ) async throws -> [StripeList<StripeRawEvent>] {
        var pages: [StripeList<StripeRawEvent>] = []
        var startingAfter: String?
        let (client, types, limit) = (client, configuration.eventTypes, configuration.pageLimit)
        while true {
            let after = startingAfter
            let page = try await call("GET /v1/events") { () async throws(StripeAPIError) in
                try await client.listEvents(types: types, createdGte: windowStart, startingAfter: after, limit: limit)
            }
            pages.append(page)
            report.pages += 1
            report.eventsSeen += page.data.count + page.undecodable.count
            if let newest = page.data.map(\.created).max() {
                let date = Date(timeIntervalSince1970: TimeInterval(newest))
                if report.newestEventAt.map({ $0 < date }) ?? true { report.newestEventAt = date }
            }
            progress?(ReconcileProgress(phase: .listingEvents, totalPages: nil, pagesDone: pages.count, report: report))
            guard page.hasMore else { return pages }
            guard let next = page.lastId else {
                throw ReconcileError(.providerRejected(.decoding("list says has_more but its page has no element id")))
            }
            startingAfter = next
        }
    }

    // MARK: - Applying

    /// Commits the window oldest page first; each page and the cursor move together in one transaction.
    private func apply(
        _ pages: [StripeList<StripeRawEvent>],
        cursor initial: ReconcileCursor?,
        mayAdvance: Bool,
        report: inout ReconcileReport,
        progress: (@Sendable (ReconcileProgress) -> Void)?
    ) async throws {
        var cursor = initial
        for (index, page) in pages.reversed().enumerated() {
            let now = clock.now()
            let oldestFirst = Array(page.data.reversed())
            var incoming: [IncomingEvent] = []
            var versionDrift: [Bool] = []
            for event in oldestFirst {
                let (eventId, content) = StripeEventContent.interpret(body: event.raw, source: configuration.source)
                incoming.append(incomingEvent(eventId: eventId, content: content, body: event.raw, at: now))
                versionDrift.append(isVersionDrift(event.apiVersion))
            }
            for item in page.undecodable {
                incoming.append(quarantined(item, at: now))
                versionDrift.append(false)
            }

            var next: ReconcileCursor?
            if mayAdvance, let current = cursor {
                next = current
                next?.updatedAt = now
                let maxCreated = oldestFirst.map(\.created).max()
                if let newest = oldestFirst.last(where: { $0.created == maxCreated }), newest.created >= current.lastCreated {
                    next?.lastCreated = newest.created
                    next?.lastEventId = newest.id
                }
            }
            let results = try await store.ingestPage(incoming, advancing: next)
            if let next {
                cursor = next
                report.cursor = next
                report.cursorMoved = true
                noteCommitted(created: next.lastCreated)
            }
            tally(results, events: incoming, versionDrift: versionDrift, into: &report)
            progress?(ReconcileProgress(phase: .applyingEvents, totalPages: pages.count, pagesDone: index + 1, report: report))
        }
    }

    private func tally(_ results: [IngestResult], events: [IncomingEvent], versionDrift: [Bool], into report: inout ReconcileReport) {
        for (index, result) in results.enumerated() {
            switch result {
            case .duplicate:
                report.alreadyKnown += 1
                continue
            case .stored(_, let status, let reason):
                switch status {
                case .applied: report.applied += 1
                case .superseded: report.superseded += 1
                case .ignored: report.ignored += 1
                case .quarantined:
                    report.quarantined += 1
                    logger.warning("reconciliation: event quarantined", metadata: [
                        "event_id": .string(events[index].eventId), "reason": .string(reason ?? "unknown"),
                    ])
                }
                if index < versionDrift.count, versionDrift[index] { report.apiVersionDrift += 1 }
            }
        }
    }

    // MARK: - Dry run

    /// Simulates the window against current invoice state: counts what would apply, and reports as drift how each
    /// touched invoice would differ afterwards. Writes nothing.
    private func predict(
        _ pages: [StripeList<StripeRawEvent>],
        report: inout ReconcileReport,
        progress: (@Sendable (ReconcileProgress) -> Void)?
    ) async throws {
        var predicted: [String: Invoice] = [:]
        var loaded: Set<String> = []
        for (index, page) in pages.reversed().enumerated() {
            for event in page.data.reversed() {
                if isVersionDrift(event.apiVersion) { report.apiVersionDrift += 1 }
                let (_, content) = StripeEventContent.interpret(body: event.raw, source: configuration.source)
                switch content {
                case .ignored:
                    report.ignored += 1
                case .invalid:
                    report.quarantined += 1
                case .invoice(let decoded):
                    let id = decoded.invoice.providerInvoiceId
                    if !loaded.contains(id) {
                        loaded.insert(id)
                        predicted[id] = try await store.invoice(id: id)
                    }
                    let current = predicted[id]
                    switch InvoiceStateMachine.decide(decoded, current: current) {
                    case .apply(let next):
                        if let current, current.snapshot == next.snapshot, current.status == next.status {
                            report.alreadyKnown += 1
                        } else {
                            report.applied += 1
                        }
                        predicted[id] = next
                    case .skip:
                        report.alreadyKnown += 1
                    case .reject:
                        report.quarantined += 1
                    }
                }
            }
            report.quarantined += page.undecodable.count
            progress?(ReconcileProgress(phase: .applyingEvents, totalPages: pages.count, pagesDone: index + 1, report: report))
        }
        let now = clock.now()
        for id in predicted.keys.sorted() {
            guard let invoice = predicted[id] else { continue }
            let drift = try await store.correctInvoice(source: configuration.source, snapshot: invoice.snapshot, observedAt: now, dryRun: true)
            if !drift.isEmpty {
                report.driftCorrections += 1
                report.drift += drift
            }
        }
    }

    // MARK: - Pieces

    func isVersionDrift(_ apiVersion: String?) -> Bool {
        guard let apiVersion else { return false }
        return apiVersion != client.configuration.stripeVersion
    }

    private func incomingEvent(eventId: String, content: EventContent, body: [UInt8], at now: Date) -> IncomingEvent {
        IncomingEvent(
            source: configuration.source, eventId: eventId, origin: .reconcile, receivedAt: now,
            headers: Self.auditHeaders, body: body, content: content
        )
    }

    /// A list element the client could not read: stored in quarantine under its id (or a hash of its bytes).
    private func quarantined(_ item: StripeUndecodableItem, at now: Date) -> IncomingEvent {
        let (interpretedId, content) = StripeEventContent.interpret(body: item.raw, source: configuration.source)
        var type: String?
        var createdAt: Date?
        if case .invalid(let t, let c, _) = content { (type, createdAt) = (t, c) }
        if case .ignored(let t, let c) = content { (type, createdAt) = (t, c) }
        return incomingEvent(
            eventId: item.id ?? interpretedId,
            content: .invalid(type: type, createdAt: createdAt, reason: "undecodable list item: \(item.reason)"),
            body: item.raw,
            at: now
        )
    }
}
