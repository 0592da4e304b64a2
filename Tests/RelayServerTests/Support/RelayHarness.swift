import AsyncHTTPClient
import FakeProviders
import Foundation
import Hummingbird
import InvoiceDomain
import InvoiceStore
import Logging
import NIOCore
import NIOHTTP1
import RelayServer
import ServiceLifecycle

/// Runs the real service on 127.0.0.1 (port 0) for one test and talks to it over HTTP.
struct RelayHarness: Sendable {
    static let stripeSecret = "whsec_test_secret_for_invoice_relay"

    let relay: RelayApp
    /// The background services (`withRuntime: true`); empty otherwise.
    var runtime: RelayServices? { relay.services.all.isEmpty ? nil : relay.services }
    let baseURL: String
    let client: HTTPClient

    /// A configuration with one Stripe source whose secret comes from the injected environment.
    static func configuration(databasePath: String = ":memory:") -> RelayConfiguration {
        var config = RelayConfiguration()
        config.server.port = 0
        config.database.path = databasePath
        config.sources = [SourceSettings(name: "stripe", scheme: .stripe, secrets: [SecretReference(env: "STRIPE_WEBHOOK_SECRET")])]
        config.reminders.templatesDirectory = repositoryRoot.appendingPathComponent("templates").path
        return config
    }

    static let environment = ["STRIPE_WEBHOOK_SECRET": stripeSecret]

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Starts the service, runs `body`, then shuts the service down gracefully.
    static func run<T: Sendable>(
        configuration: RelayConfiguration = configuration(),
        clock: any WallClock,
        database: AppDatabase? = nil,
        environment: [String: String] = environment,
        logger customLogger: Logger? = nil,
        withRuntime: Bool = false,
        _ body: @Sendable (RelayHarness) async throws -> T
    ) async throws -> T {
        let database = try database ?? AppDatabase.inMemory()
        var logger = customLogger ?? Logger(label: "test")
        if customLogger == nil { logger.logLevel = .warning }
        let relay = try await RelayApp.build(.init(
            configuration: configuration, secrets: SecretResolver(environment: environment), clock: clock, logger: logger, database: database,
            purpose: withRuntime ? .serve : .serverOnly
        ))
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = relay.application(onServerRunning: { port in portContinuation.yield(port) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = portStream.makeAsyncIterator()
            guard let port = await iterator.next() else { throw HarnessError.didNotStart }
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
            let harness = RelayHarness(relay: relay, baseURL: "http://127.0.0.1:\(port)", client: client)
            do {
                let result = try await body(harness)
                try await client.shutdown()
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                try? await client.shutdown()
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        }

        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    }

    func request(_ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil, timeout: TimeAmount = .seconds(10)) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: bytes))
    }

    /// POSTs a Stripe-signed event to `/webhooks/stripe`.
    func postStripe(_ payload: [UInt8], timestamp: Int64, secret: String = stripeSecret, timeout: TimeAmount = .seconds(10)) async throws -> Reply {
        let header = StripeWebhookSigner.signatureHeader(payload: payload, secret: secret, timestamp: timestamp)
        return try await request(.POST, "/webhooks/stripe", headers: [("Stripe-Signature", header), ("Content-Type", "application/json")], body: payload, timeout: timeout)
    }
}

enum HarnessError: Error { case didNotStart }

/// Builds Stripe invoice events the way Stripe sends them.
enum StripeEvents {
    static func invoice(
        eventId: String, type: String, created: Int64, invoiceId: String = "in_test_1", status: String,
        amountDue: Int64 = 12500, amountPaid: Int64 = 0, currency: String = "usd", dueDate: Int64? = 1_764_600_000,
        attemptCount: Int = 0, email: String = "jane@example.com", phone: String? = "+14155550123"
    ) -> [UInt8] {
        var invoice: [String: Any] = [
            "id": invoiceId, "object": "invoice", "number": "INV-0001", "customer": "cus_test_1",
            "customer_name": "Jane Doe", "customer_email": email, "currency": currency,
            "amount_due": amountDue, "amount_paid": amountPaid, "amount_remaining": max(0, amountDue - amountPaid),
            "status": status, "hosted_invoice_url": "https://invoice.stripe.com/i/\(invoiceId)", "attempt_count": attemptCount,
            "created": created - 100,
        ]
        invoice["due_date"] = dueDate ?? NSNull()
        invoice["customer_phone"] = phone ?? NSNull()
        let event: [String: Any] = [
            "id": eventId, "object": "event", "type": type, "created": created, "api_version": "2024-06-20", "livemode": false,
            "data": ["object": invoice],
        ]
        return Array(try! JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]))
    }
}
