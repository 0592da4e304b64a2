import ArgumentParser
import AsyncHTTPClient
import Foundation
import InvoiceDomain
import InvoiceStore
import Logging
import NIOCore
import RelayServer
import ServiceLifecycle
import RelayAdmin
import StoreSeams
import NIOHTTP1

/// Console page latency: the real server on loopback with `deliveries` outbox rows and the shipped templates,
/// one signed-in session, `requests` sequential GETs per page; prints mean, p50 and p95 per page.
struct ConsolePages: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "Console page latency (sequential GETs, one session).")

    @Option var deliveries = 2_000
    @Option(help: "GETs per page after 20 warm-up requests.") var requests = 200

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relay-console-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var config = RelayConfiguration()
        config.server.port = 0
        config.database.path = folder.appendingPathComponent("bench.sqlite").path
        config.reminders.templatesDirectory = FileManager.default.currentDirectoryPath + "/templates"
        let logger = Logger(label: "bench") { StructuredLogHandler(label: $0, level: .error, format: .json) }
        let relay = try await RelayApp.build(.init(configuration: config, clock: SystemClock(), logger: logger, purpose: .serverOnly))
        let now = Date()
        for chunk in stride(from: 0, to: deliveries, by: 500) {
            let batch = (chunk..<min(chunk + 500, deliveries)).map {
                NewDelivery(invoiceId: "in_bench_\($0)", step: "overdue-3d", kind: "overdue", channel: .email, recipient: "c\($0)@example.com", notBefore: now.addingTimeInterval(86_400))
            }
            _ = try await relay.store.enqueue(batch, now: now)
        }
        let token = try await relay.admin.createToken(name: "bench-console", scope: .admin, expiresIn: nil, actor: "bench").secret

        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let group = ServiceGroup(configuration: .init(services: [relay.application(onServerRunning: { continuation.yield($0) })], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ValidationError("the server did not start") }
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
            defer { Task { try? await client.shutdown() } }
            let base = "http://127.0.0.1:\(port)"
            let cookie = try await Self.signIn(client, base: base, token: token)
            print("console pages: \(deliveries) deliveries, \(requests) sequential GETs each (one session)")
            for page in ["/console", "/console/deliveries", "/console/deliveries?status=pending&channel=email", "/console/templates",
                         "/console/templates/email/overdue/en", "/console/templates/email/overdue/en/preview?version=1", "/console/audit"] {
                var samples: [Double] = []
                for index in 0..<(requests + 20) {
                    let clock = ContinuousClock()
                    let start = clock.now
                    var request = HTTPClientRequest(url: base + page)
                    request.headers.add(name: "Cookie", value: cookie)
                    let response = try await client.execute(request, timeout: .seconds(10))
                    _ = try await response.body.collect(upTo: 8 << 20)
                    guard response.status == .ok else { throw ValidationError("\(page): HTTP \(response.status.code)") }
                    let elapsed = start.duration(to: clock.now)
                    if index >= 20 { samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3) }
                }
                samples.sort()
                let mean = samples.reduce(0, +) / Double(samples.count)
                print(page.padding(toLength: 56, withPad: " ", startingAt: 0)
                      + String(format: "mean %6.2f ms   p50 %6.2f ms   p95 %6.2f ms", mean, samples[samples.count / 2], samples[samples.count * 95 / 100]))
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// Signs in as a browser does (form page, then the post) and returns the `Cookie` header of the session.
    static func signIn(_ client: HTTPClient, base: String, token: String) async throws -> String {
        let form = try await client.execute(HTTPClientRequest(url: base + "/console/sign-in"), timeout: .seconds(10))
        let html = String(buffer: try await form.body.collect(upTo: 1 << 20))
        guard let formCookie = form.headers["Set-Cookie"].first?.split(separator: ";").first,
              let range = html.range(of: #"name="csrf" value="[^"]+""#, options: .regularExpression)
        else { throw ValidationError("no sign-in form") }
        let csrf = html[range].split(separator: "\"")[3]
        var post = HTTPClientRequest(url: base + "/console/sign-in")
        post.method = .POST
        post.headers.add(name: "Cookie", value: String(formCookie))
        post.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        post.body = .bytes(ByteBuffer(string: "csrf=\(csrf)&token=\(token)"))
        let reply = try await client.execute(post, timeout: .seconds(10))
        guard let session = reply.headers["Set-Cookie"].first(where: { $0.hasPrefix("relay_console=") })?.split(separator: ";").first else {
            throw ValidationError("sign-in failed: HTTP \(reply.status.code)")
        }
        return String(session)
    }
}
