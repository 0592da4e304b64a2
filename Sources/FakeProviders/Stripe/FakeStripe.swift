import Foundation

/// An in-process Stripe API on `127.0.0.1` for tests and `--sandbox`: `GET /v1/events` and `GET /v1/invoices`
/// with Stripe's list semantics, authentication and error bodies, plus fault injection and request recording.
///
/// List semantics follow Stripe: newest first, `limit` 1...100 (default 10), `starting_after` / `ending_before`
/// cursors (unknown id → 400 `resource_missing`), `created` and `created[gt|gte|lt|lte]`, `types[]` and `type`
/// (trailing `*` wildcard) for events, `status` and `customer` for invoices, and `Received unknown parameter` for
/// anything else. Every request is recorded before faults or authentication apply.
package final class FakeStripe: Sendable {
    /// The account API version the fake renders events in and reports when a request names none.
    package static let defaultAPIVersion = "2025-03-31.basil"

    private let store: FakeStripeStore
    private let server: FakeServerHandle

    private init(store: FakeStripeStore, server: FakeServerHandle) {
        self.store = store
        self.server = server
    }

    /// Starts the fake on an ephemeral loopback port.
    /// - Parameters:
    ///   - secretKey: The only key accepted (Bearer, or Basic with the key as user name).
    ///   - apiVersion: The account's API version, used in ``makeInvoiceEvent(id:type:created:invoice:)``.
    package static func start(secretKey: String, apiVersion: String = FakeStripe.defaultAPIVersion) async throws -> FakeStripe {
        let store = FakeStripeStore(secretKey: secretKey, apiVersion: apiVersion)
        let server = try await FakeServer.start(router: FakeStripeRoutes.router(store: store), name: "Stripe")
        return FakeStripe(store: store, server: server)
    }

    /// `http://127.0.0.1:<port>`; use as ``StripeAPIConfiguration/baseURL``.
    package var baseURL: String { server.baseURL }

    /// The account API version events are rendered in.
    package var apiVersion: String { store.apiVersion }

    /// Stops the server; in-flight (hanging) requests are cut off.
    package func shutdown() async {
        await server.stop()
    }

    // MARK: - Events

    /// Adds an event served verbatim; it is listed by `id`, `type` and `created` as given, even if `json` disagrees
    /// (so a test can plant an event its client cannot decode). An event with the same id is replaced.
    package func addEvent(_ event: FakeStripeEvent) {
        store.insert(event)
    }

    /// Adds an event from its JSON, reading `id`, `type` and `created` from it.
    /// - Throws: ``FakeStripeError/invalidEvent(_:)`` when the JSON lacks one of them.
    @discardableResult
    package func addEvent(json: [UInt8]) throws -> FakeStripeEvent {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
            throw FakeStripeError.invalidEvent("not a JSON object")
        }
        guard let id = object["id"] as? String else { throw FakeStripeError.invalidEvent("missing string \"id\"") }
        guard let type = object["type"] as? String else { throw FakeStripeError.invalidEvent("missing string \"type\"") }
        guard let created = (object["created"] as? NSNumber)?.int64Value else {
            throw FakeStripeError.invalidEvent("missing integer \"created\"")
        }
        let event = FakeStripeEvent(id: id, type: type, created: created, json: json)
        store.insert(event)
        return event
    }

    /// Builds an invoice event with ``makeInvoiceEvent(id:type:created:invoice:)`` and adds it.
    @discardableResult
    package func addInvoiceEvent(id: String, type: String, created: Int64, invoice: FakeInvoice) -> FakeStripeEvent {
        let event = FakeStripeEvent(id: id, type: type, created: created, json: makeInvoiceEvent(id: id, type: type, created: created, invoice: invoice))
        store.insert(event)
        return event
    }

    /// A realistic Stripe event JSON for an invoice (the same bytes a webhook delivery would carry), in this
    /// fake's account API version.
    package func makeInvoiceEvent(id: String, type: String, created: Int64, invoice: FakeInvoice) -> [UInt8] {
        Self.invoiceEventJSON(id: id, type: type, created: created, invoice: invoice, apiVersion: store.apiVersion)
    }

    /// A realistic Stripe event JSON for an invoice: `object: "event"`, `api_version`, `livemode: false`,
    /// `data.object` the full invoice.
    package static func invoiceEventJSON(
        id: String, type: String, created: Int64, invoice: FakeInvoice, apiVersion: String = FakeStripe.defaultAPIVersion
    ) -> [UInt8] {
        FakeJSON.object([
            ("id", .string(id)),
            ("object", .string("event")),
            ("api_version", .string(apiVersion)),
            ("created", .int(created)),
            ("data", .object([("object", invoice.json)])),
            ("livemode", .bool(false)),
            ("pending_webhooks", .int(1)),
            ("request", .object([("id", .null), ("idempotency_key", .null)])),
            ("type", .string(type)),
        ]).bytes()
    }

    /// Every event in list order (newest first).
    package var events: [FakeStripeEvent] { store.events }

    /// Forgets every event.
    package func removeAllEvents() { store.removeAllEvents() }

    // MARK: - Invoices

    /// Sets the provider's current truth for an invoice, as `/v1/invoices` will list it.
    package func upsertInvoice(_ invoice: FakeInvoice) { store.upsert(invoice) }

    /// Deletes an invoice (as a deleted draft disappears from Stripe).
    package func removeInvoice(id: String) { store.removeInvoice(id: id) }

    /// Every invoice in list order (newest first).
    package var invoices: [FakeInvoice] { store.invoices }

    // MARK: - Faults, keys, recording

    /// Replaces the fault plan: an outage (`.status(503)`), rate limiting (`.rateLimited(count:retryAfter:)`),
    /// latency, hanging, dropped connections, or `.status(401)` for a key revoked on Stripe's side.
    package func setFaults(_ plan: FaultPlan) { store.faults.set(plan) }

    /// The fault plan in force.
    package var faults: FaultPlan { store.faults.plan }

    /// Rolls the API key: from now on only `newKey` is accepted and the old one gets 401.
    package func rotateSecretKey(to newKey: String) { store.secretKey = newKey }

    /// Every request received so far, in arrival order, as sent (before faults and authentication).
    package func requests() -> [RecordedRequest] { store.recorder.all }

    /// Forgets the recorded requests.
    package func resetRequests() { store.recorder.reset() }
}

/// Misuse of the fake by a test.
package enum FakeStripeError: Error, Equatable, Sendable {
    /// ``FakeStripe/addEvent(json:)`` could not read the event's list keys.
    case invalidEvent(String)
}
