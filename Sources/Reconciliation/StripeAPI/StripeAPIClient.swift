package import AsyncHTTPClient
import Foundation
package import InvoiceDomain
import NIOCore
import NIOHTTP1

/// Reads Stripe's `/v1/events` and `/v1/invoices` lists for reconciliation.
///
/// Every request carries `Authorization: Bearer <secret key>` and the pinned `Stripe-Version`, and is bounded as a
/// whole (headers *and* body) by ``StripeAPIConfiguration/timeout``. Failures come back as ``StripeAPIError``
/// classified for retrying; nothing thrown or logged contains the key.
package struct StripeAPIClient: Sendable {
    package let configuration: StripeAPIConfiguration
    private let client: HTTPClient
    private let clock: any WallClock

    /// - Parameters:
    ///   - configuration: Where and how to call Stripe.
    ///   - client: The HTTP client to use; build it from ``StripeAPIConfiguration/httpClientConfiguration(connectTimeout:readTimeout:)``.
    ///   - clock: Resolves a `Retry-After` HTTP date into seconds.
    package init(configuration: StripeAPIConfiguration, client: HTTPClient, clock: any WallClock = SystemClock()) {
        self.configuration = configuration
        self.client = client
        self.clock = clock
    }

    // MARK: - Lists

    /// One page of events, newest first: `GET /v1/events?limit=..&types[]=..&created[gte]=..&starting_after=..`.
    ///
    /// - Parameters:
    ///   - types: Event types to include (`types[]`, at most 20). A single type with a trailing `*`
    ///     (`invoice.*`) is sent as `type=` instead, the only parameter Stripe applies wildcards to. Empty: all types.
    ///   - createdGte: Only events created at or after this Unix time.
    ///   - startingAfter: Cursor: the id of the last event of the previous page.
    ///   - limit: Page size, clamped to Stripe's 1...100.
    /// - Throws: ``StripeAPIError``.
    package func listEvents(
        types: [String], createdGte: Int64?, startingAfter: String?, limit: Int
    ) async throws(StripeAPIError) -> StripeList<StripeRawEvent> {
        var query = StripeQuery()
        query.append("limit", String(Self.clampedLimit(limit)))
        if types.count == 1, let only = types.first, only.hasSuffix("*") {
            query.append("type", only)
        } else {
            query.appendArray("types", types)
        }
        if let createdGte { query.appendHash("created", "gte", String(createdGte)) }
        if let startingAfter { query.append("starting_after", startingAfter) }
        return try await list(path: "/v1/events", query: query, header: EventHeader.self) { header, raw in
            guard header.object == nil || header.object == "event" else {
                return .failure(ElementRejection(reason: "expected object \"event\", got \"\(header.object ?? "")\""))
            }
            guard !header.id.isEmpty else { return .failure(ElementRejection(reason: "empty id")) }
            return .success(StripeRawEvent(id: header.id, type: header.type, created: header.created, apiVersion: header.apiVersion, raw: raw))
        }
    }

    /// One page of invoices, newest first: `GET /v1/invoices?limit=..&status=..&created[gte]=..&starting_after=..`.
    ///
    /// - Parameters:
    ///   - status: `draft`, `open`, `paid`, `uncollectible` or `void`; `nil` for all.
    ///   - createdGte: Only invoices created at or after this Unix time.
    ///   - startingAfter: Cursor: the id of the last invoice of the previous page.
    ///   - limit: Page size, clamped to Stripe's 1...100.
    /// - Throws: ``StripeAPIError``.
    package func listInvoices(
        status: String?, createdGte: Int64?, startingAfter: String?, limit: Int
    ) async throws(StripeAPIError) -> StripeList<StripeRawInvoice> {
        var query = StripeQuery()
        query.append("limit", String(Self.clampedLimit(limit)))
        if let status { query.append("status", status) }
        if let createdGte { query.appendHash("created", "gte", String(createdGte)) }
        if let startingAfter { query.append("starting_after", startingAfter) }
        return try await list(path: "/v1/invoices", query: query, header: InvoiceHeader.self) { header, raw in
            guard header.object == nil || header.object == "invoice" else {
                return .failure(ElementRejection(reason: "expected object \"invoice\", got \"\(header.object ?? "")\""))
            }
            guard !header.id.isEmpty else { return .failure(ElementRejection(reason: "empty id")) }
            return .success(StripeRawInvoice(id: header.id, status: header.status, created: header.created, raw: raw))
        }
    }

    static func clampedLimit(_ limit: Int) -> Int { min(max(limit, 1), 100) }

    // MARK: - Plumbing

    private func list<Header: Decodable, Item: Sendable>(
        path: String,
        query: StripeQuery,
        header: Header.Type,
        make: (Header, [UInt8]) -> Result<Item, ElementRejection>
    ) async throws(StripeAPIError) -> StripeList<Item> {
        let response = try await get(path: path, query: query)
        let page: StripeListPage
        do {
            page = try StripeListPage.parse(response.body)
        } catch {
            throw StripeAPIError(.decoding(error.reason), requestId: response.requestId)
        }
        let decoded = StripeListPage.decode(page.elements, as: Header.self, make: make)
        return StripeList(
            data: decoded.items, hasMore: page.hasMore, url: page.url,
            undecodable: decoded.undecodable, lastId: decoded.lastId
        )
    }

    /// A successful (2xx) answer.
    private struct Success {
        var body: [UInt8]
        var requestId: String?
    }

    /// A complete answer of any status.
    private struct Answer: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    private func get(path: String, query: StripeQuery) async throws(StripeAPIError) -> Success {
        var request = HTTPClientRequest(url: url(path: path, query: query))
        request.method = .GET
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.secretKey)")
        request.headers.add(name: "Stripe-Version", value: configuration.stripeVersion)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "InvoiceRelay/1.0 (reconciliation)")

        let answer = try await execute(request)
        let requestId = answer.headers.first(name: "Request-Id")
        switch answer.status {
        case 200..<300:
            return Success(body: answer.body, requestId: requestId)
        case 401:
            throw StripeAPIError(.unauthorized, requestId: requestId)
        case 429:
            let retryAfter = answer.headers.first(name: "Retry-After").flatMap { RetryAfter.seconds(from: $0, now: clock.now()) }
            throw StripeAPIError(.rateLimited(retryAfter: retryAfter), requestId: requestId)
        case 500..<600:
            throw StripeAPIError(.server(status: answer.status), requestId: requestId)
        default:
            let details = (try? JSONDecoder().decode(StripeErrorEnvelope.self, from: Data(answer.body)))?.error
            throw StripeAPIError(
                .other(status: answer.status, details: details?.redacting(configuration.secretKey)),
                requestId: requestId
            )
        }
    }

    /// Sends `request` and reads the whole body, all within the configured timeout.
    private func execute(_ request: HTTPClientRequest) async throws(StripeAPIError) -> Answer {
        let timeout = configuration.timeout
        let maxBytes = configuration.maxResponseBytes
        let client = self.client
        do {
            return try await withThrowingTaskGroup(of: Answer.self) { group in
                group.addTask {
                    let response = try await client.execute(request, timeout: timeout)
                    let body = try await response.body.collect(upTo: maxBytes)
                    return Answer(status: Int(response.status.code), headers: response.headers, body: Array(body.readableBytesView))
                }
                group.addTask {
                    try await Task.sleep(for: .nanoseconds(timeout.nanoseconds))
                    throw StripeAPIError.timeout
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw StripeAPIError.timeout }
                return first
            }
        } catch let error as StripeAPIError {
            throw error
        } catch let error as HTTPClientError {
            throw Self.classify(error)
        } catch is NIOTooManyBytesError {
            throw StripeAPIError.transport("response body larger than \(maxBytes) bytes")
        } catch is CancellationError {
            throw StripeAPIError.transport("cancelled")
        } catch {
            throw StripeAPIError.transport(String(describing: type(of: error)) + ": " + redact("\(error)"))
        }
    }

    private static func classify(_ error: HTTPClientError) -> StripeAPIError {
        switch error {
        case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout, .getConnectionFromPoolTimeout:
            return .timeout
        case .cancelled:
            return .transport("cancelled")
        default:
            return .transport("\(error)")
        }
    }

    private func redact(_ text: String) -> String {
        guard !configuration.secretKey.isEmpty else { return text }
        return text.replacingOccurrences(of: configuration.secretKey, with: "<redacted>")
    }

    private func url(path: String, query: StripeQuery) -> String {
        let encoded = query.encoded
        return configuration.baseURL + path + (encoded.isEmpty ? "" : "?" + encoded)
    }
}

// MARK: - Element headers

/// The fields of an event the client needs; the rest stays in the raw bytes.
private struct EventHeader: Decodable {
    var id: String
    var object: String?
    var type: String
    var created: Int64
    var apiVersion: String?

    enum CodingKeys: String, CodingKey {
        case id, object, type, created
        case apiVersion = "api_version"
    }
}

/// The fields of an invoice the client needs; the rest stays in the raw bytes.
private struct InvoiceHeader: Decodable {
    var id: String
    var object: String?
    var status: String?
    var created: Int64
}
