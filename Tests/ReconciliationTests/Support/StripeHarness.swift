import AsyncHTTPClient
import FakeProviders
import Foundation
import InvoiceDomain
import NIOCore
import Reconciliation

/// A running fake Stripe plus an HTTP client pointed at it; torn down after each test body.
struct StripeHarness: Sendable {
    static let secretKey = "sk_test_51QxInvoiceRelayFakeSecretKey0000abcd"
    static let stripeVersion = "2024-06-20"

    let fake: FakeStripe
    let http: HTTPClient

    /// A client for the fake with the given key, timeout and clock.
    func client(
        secretKey: String = StripeHarness.secretKey,
        timeout: TimeAmount = .seconds(5),
        clock: any WallClock = SystemClock()
    ) -> StripeAPIClient {
        StripeAPIClient(
            configuration: StripeAPIConfiguration(
                baseURL: fake.baseURL + "/", secretKey: secretKey, stripeVersion: Self.stripeVersion, timeout: timeout
            ),
            client: http,
            clock: clock
        )
    }

    /// GETs `pathAndQuery` on the fake with optional headers, returning status, headers and body as text.
    func rawGet(
        _ pathAndQuery: String, authorization: String? = "Bearer \(StripeHarness.secretKey)", headers: [(String, String)] = []
    ) async throws -> (status: Int, headers: [(String, String)], body: String) {
        var request = HTTPClientRequest(url: fake.baseURL + pathAndQuery)
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await http.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 4 * 1024 * 1024)
        return (Int(response.status.code), response.headers.map { ($0.name, $0.value) }, String(buffer: body))
    }

    /// Starts a fake and a client, runs `body`, and always shuts both down.
    static func run<T: Sendable>(_ body: (StripeHarness) async throws -> T) async throws -> T {
        let fake = try await FakeStripe.start(secretKey: secretKey)
        let http = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: StripeAPIConfiguration.httpClientConfiguration(connectTimeout: .seconds(2), readTimeout: .seconds(5))
        )
        let harness = StripeHarness(fake: fake, http: http)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(harness))
        } catch {
            result = .failure(error)
        }
        try? await http.shutdown()
        await fake.shutdown()
        return try result.get()
    }
}

/// Invoices and events with realistic contents.
enum StripeFixtures {
    static let baseTime: Int64 = 1_764_000_000

    static func invoice(_ id: String, status: String = "open", created: Int64 = baseTime, customer: String = "cus_TestCustomer01") -> FakeInvoice {
        FakeInvoice(
            id: id, number: "INV-\(id.suffix(4))", customer: customer, customerName: "Ada Lovelace",
            customerEmail: "ada@example.com", customerPhone: "+14155550100", currency: "USD",
            amountDue: 12_500, amountPaid: status == "paid" ? 12_500 : 0, dueDate: baseTime + 30 * 86_400,
            status: status, attemptCount: 1, created: created
        )
    }

    /// Adds an `invoice.*` event for a fresh invoice.
    @discardableResult
    static func addEvent(_ fake: FakeStripe, id: String, type: String = "invoice.paid", created: Int64) -> FakeStripeEvent {
        fake.addInvoiceEvent(id: id, type: type, created: created, invoice: invoice("in_\(id.dropFirst(4))", created: created))
    }
}

/// Reads `Retry-After` HTTP dates against a fixed instant.
extension ManualClock {
    static func at(unix seconds: TimeInterval) -> ManualClock { ManualClock(Date(timeIntervalSince1970: seconds)) }
}
