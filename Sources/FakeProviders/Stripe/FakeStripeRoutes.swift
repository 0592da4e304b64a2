import Hummingbird

/// The fake Stripe's routes: the events and invoices lists and their single-object reads.
enum FakeStripeRoutes {
    static let eventParameters: Set<String> = [
        "created", "delivery_success", "ending_before", "expand", "limit", "starting_after", "type", "types",
    ]
    static let invoiceParameters: Set<String> = [
        "collection_method", "created", "customer", "due_date", "ending_before", "expand", "limit",
        "starting_after", "status", "subscription",
    ]
    static let invoiceStatuses: Set<String> = ["draft", "open", "paid", "uncollectible", "void"]

    static func router(store: FakeStripeStore) -> Router<FakeRequestContext> {
        let router = Router(context: FakeRequestContext.self)
        router.add(middleware: FakeStripeMiddleware(store: store))
        router.get("/v1/events") { request, _ in
            listEvents(store: store, query: FakeStripeQuery(request.uri.query))
        }
        router.get("/v1/events/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let event = store.events.first(where: { $0.id == id }) else { return missing("event", id) }
            return FakeStripeErrorResponse.json(status: 200, event.json)
        }
        router.get("/v1/invoices") { request, _ in
            listInvoices(store: store, query: FakeStripeQuery(request.uri.query))
        }
        router.get("/v1/invoices/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let invoice = store.invoice(id: id) else { return missing("invoice", id) }
            return FakeStripeErrorResponse.json(status: 200, invoice.json.bytes())
        }
        return router
    }

    // MARK: - Lists

    static func listEvents(store: FakeStripeStore, query: FakeStripeQuery) -> Response {
        if let unknown = query.unknownParameter(allowed: eventParameters) { return unknownParameter(unknown) }
        let parameters: FakeStripeListParameters
        switch FakeStripeListParameters.parse(query) {
        case .success(let parsed): parameters = parsed
        case .failure(let rejection): return rejection.response
        }
        let types = query.arrays["types"] ?? []
        if types.count > 20 {
            return FakeStripeErrorResponse.invalidRequest("You may pass at most 20 values in `types`.", param: "types")
        }
        let typeSet = Set(types)
        let pattern = query.scalars["type"]
        let matches: (FakeStripeEvent) -> Bool = { event in
            guard parameters.created.matches(event.created) else { return false }
            if !typeSet.isEmpty, !typeSet.contains(event.type) { return false }
            if let pattern, !typeMatches(event.type, pattern: pattern) { return false }
            return true
        }
        switch FakeStripePage.paginate(store.events, id: \.id, matches: matches, parameters: parameters, objectName: "event") {
        case .success(let result):
            return listResponse(result.page.map { .raw($0.json) }, hasMore: result.hasMore, url: "/v1/events")
        case .failure(let rejection):
            return rejection.response
        }
    }

    static func listInvoices(store: FakeStripeStore, query: FakeStripeQuery) -> Response {
        if let unknown = query.unknownParameter(allowed: invoiceParameters) { return unknownParameter(unknown) }
        let parameters: FakeStripeListParameters
        switch FakeStripeListParameters.parse(query) {
        case .success(let parsed): parameters = parsed
        case .failure(let rejection): return rejection.response
        }
        let status = query.scalars["status"]
        if let status, !invoiceStatuses.contains(status) {
            return FakeStripeErrorResponse.invalidRequest(
                "Invalid status: must be one of draft, open, paid, uncollectible, or void", param: "status"
            )
        }
        let customer = query.scalars["customer"]
        let matches: (FakeInvoice) -> Bool = { invoice in
            guard parameters.created.matches(invoice.created) else { return false }
            if let status, invoice.status != status { return false }
            if let customer, invoice.customer != customer { return false }
            return true
        }
        switch FakeStripePage.paginate(store.invoices, id: \.id, matches: matches, parameters: parameters, objectName: "invoice") {
        case .success(let result):
            return listResponse(result.page.map(\.json), hasMore: result.hasMore, url: "/v1/invoices")
        case .failure(let rejection):
            return rejection.response
        }
    }

    /// `type=invoice.*` matches every `invoice.` event; without `*` the match is exact.
    static func typeMatches(_ type: String, pattern: String) -> Bool {
        guard pattern.hasSuffix("*") else { return type == pattern }
        return type.hasPrefix(pattern.dropLast())
    }

    // MARK: - Responses

    private static func listResponse(_ data: [FakeJSON], hasMore: Bool, url: String) -> Response {
        let body = FakeJSON.object([
            ("object", .string("list")),
            ("data", .array(data)),
            ("has_more", .bool(hasMore)),
            ("url", .string(url)),
        ])
        return FakeStripeErrorResponse.json(status: 200, body.bytes())
    }

    private static func unknownParameter(_ name: String) -> Response {
        FakeStripeErrorResponse.invalidRequest("Received unknown parameter: \(name)", code: "parameter_unknown", param: name)
    }

    private static func missing(_ object: String, _ id: String) -> Response {
        FakeStripeErrorResponse.make(
            status: 404, type: "invalid_request_error", message: "No such \(object): '\(id)'", code: "resource_missing", param: "id"
        )
    }
}
