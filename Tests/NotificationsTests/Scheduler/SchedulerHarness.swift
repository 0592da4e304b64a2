import AsyncHTTPClient
import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Logging
import NIOCore
import StoreSeams
import Testing
@testable import Notifications

/// The scheduler wired to real SendGrid, Postmark and Twilio fakes on loopback, a `ManualClock` and an
/// in-memory database seeded with the shipped templates. Tests call `runOnce()` and move the clock.
struct SchedulerHarness: Sendable {
    static let sendGridKey = "SG.scheduler-test-key-123456"
    static let postmarkToken = "pm-scheduler-token-123456"
    static let twilioSid = "AC" + String(repeating: "b", count: 32)
    static let twilioToken = "twilio-scheduler-token-123456"

    /// 2026-03-10 12:00 UTC: the due date of every test invoice unless a test says otherwise.
    static let dueDate = utc(2026, 3, 10, 12)

    let store: SQLiteStore
    let clock: ManualClock
    let sendGrid: FakeSendGrid
    let postmark: FakePostmark
    let twilio: FakeTwilio
    let client: HTTPClient
    let metrics: RecordingMetrics
    let logs: CapturedLogs

    /// Starts the fakes and a store (in memory unless `database` is given), seeds the shipped templates,
    /// runs `body` and tears everything down.
    static func with(
        now: Date,
        database: AppDatabase? = nil,
        _ body: (SchedulerHarness) async throws -> Void
    ) async throws {
        let store = SQLiteStore(try database ?? AppDatabase.inMemory())
        _ = try await TemplateSeeder.seed(from: templatesDirectory, engine: TemplateEngine(), into: store, now: now)
        let sendGrid = try await FakeSendGrid.start(apiKey: sendGridKey)
        let postmark = try await FakePostmark.start(serverToken: postmarkToken)
        let twilio = try await FakeTwilio.start(accountSid: twilioSid, authToken: twilioToken)
        let client = ProviderHTTPClient.make(connectTimeout: .milliseconds(500), readTimeout: .seconds(2))
        let harness = SchedulerHarness(
            store: store, clock: ManualClock(now), sendGrid: sendGrid, postmark: postmark, twilio: twilio,
            client: client, metrics: RecordingMetrics(), logs: CapturedLogs()
        )
        var failure: (any Error)?
        do {
            try await body(harness)
        } catch {
            failure = error
        }
        try? await client.shutdown()
        await sendGrid.shutdown()
        await postmark.shutdown()
        await twilio.shutdown()
        if let failure { throw failure }
    }

    static let templatesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates")

    // MARK: - Scheduler

    /// Default steps, business zone UTC, sends from 09:00; short backoff with a fixed jitter seed.
    static func configuration(
        batchSize: Int = 50,
        concurrency: Int = 4,
        backoff: BackoffPolicy = BackoffPolicy(base: 10, cap: 20, maxAttempts: 5),
        quietHours: QuietHours = QuietHours(start: (21, 0), end: (8, 0))
    ) -> SchedulerConfiguration {
        SchedulerConfiguration(
            policy: ReminderPolicy(steps: ReminderPolicy.defaultSteps, businessTimeZone: utcZone, sendAt: (9, 0)),
            batchSize: batchSize,
            concurrency: concurrency,
            lease: 120,
            backoff: backoff,
            quietHours: quietHours,
            defaultLocale: "en",
            business: BusinessInfo(name: "Acme Studio", supportEmail: "billing@acme.test"),
            sendBudget: 10,
            jitterSeed: 42
        )
    }

    func sendGridProvider(apiKey: String = sendGridKey) -> RoutedProvider {
        RoutedProvider(
            provider: SendGridProvider(
                baseURL: sendGrid.baseURL, apiKey: apiKey, from: SenderIdentity(email: "billing@acme.test", name: "Acme Billing"),
                client: client, timeout: .seconds(2), clock: clock
            ),
            carriesIdempotencyKey: true, circuit: .init(failureThreshold: 5, openDuration: 300, halfOpenProbes: 1),
            ratePerSecond: 1000, burst: 1000
        )
    }

    func postmarkProvider() -> RoutedProvider {
        RoutedProvider(
            provider: PostmarkProvider(
                baseURL: postmark.baseURL, serverToken: Self.postmarkToken, from: SenderIdentity(email: "billing@acme.test"),
                messageStream: "outbound", client: client, timeout: .seconds(2), clock: clock
            ),
            carriesIdempotencyKey: true, ratePerSecond: 1000, burst: 1000
        )
    }

    func twilioProvider(authToken: String = twilioToken) -> RoutedProvider {
        RoutedProvider(
            provider: TwilioProvider(
                baseURL: twilio.baseURL, accountSid: Self.twilioSid, authToken: authToken, from: SenderIdentity(phone: "+15557654321"),
                client: client, timeout: .seconds(2), clock: clock
            ),
            carriesIdempotencyKey: false, ratePerSecond: 1000, burst: 1000
        )
    }

    /// Email: `email` (SendGrid) with Postmark as fallback unless `emailFallback` is false; SMS: `sms` (Twilio).
    func routes(email: RoutedProvider? = nil, emailFallback: Bool = true, sms: RoutedProvider? = nil) -> [InvoiceDomain.Channel: ChannelRoute] {
        [
            .email: ChannelRoute(primary: email ?? sendGridProvider(), fallback: emailFallback ? postmarkProvider() : nil),
            .sms: ChannelRoute(primary: sms ?? twilioProvider()),
        ]
    }

    func scheduler(
        store: (any SchedulerStore)? = nil,
        configuration: SchedulerConfiguration = configuration(),
        routes: [InvoiceDomain.Channel: ChannelRoute]? = nil,
        leaseOwner: String = ReminderScheduler.makeLeaseOwner()
    ) -> ReminderScheduler {
        ReminderScheduler(
            store: store ?? self.store,
            router: ProviderRouter(routes: routes ?? self.routes(), maxInlineWait: 0.05),
            configuration: configuration,
            clock: clock,
            metrics: metrics,
            logger: logs.logger(),
            leaseOwner: leaseOwner
        )
    }

    // MARK: - Invoices

    /// Stores an invoice through the event store, as a webhook would.
    func addInvoice(
        _ id: String,
        number: String? = nil,
        status: String = "open",
        amount: Int64 = 12_500,
        paid: Int64 = 0,
        currency: String = "usd",
        dueDate: Date = SchedulerHarness.dueDate,
        customerId: String? = nil,
        email: String? = "jane@example.com",
        phone: String? = "+15551234567",
        locale: String? = "en-US",
        timeZone: String? = nil
    ) async throws {
        let snapshot = InvoiceSnapshot(
            providerInvoiceId: id, number: number ?? "INV-\(id)", customerId: customerId ?? "cus_\(id)", customerName: "Jane Doe",
            customerEmail: email, customerPhone: phone, customerLocale: locale, customerTimeZone: timeZone,
            currency: currency, amountDue: amount, amountPaid: paid, amountRemaining: status == "paid" ? 0 : amount - paid,
            dueDate: dueDate, providerStatus: status, hostedInvoiceURL: "https://pay.example.com/i/\(id)"
        )
        try await ingest(snapshot, kind: status == "paid" ? .paid : .finalized)
    }

    /// Marks a stored invoice paid (a later `invoice.paid` event).
    func pay(_ id: String) async throws {
        let invoice = try #require(try await store.invoice(id: id))
        var snapshot = invoice.snapshot
        snapshot.providerStatus = "paid"
        snapshot.amountPaid = snapshot.amountDue
        snapshot.amountRemaining = 0
        try await ingest(snapshot, kind: .paid, createdAt: invoice.lastEventAt.addingTimeInterval(1))
    }

    private func ingest(_ snapshot: InvoiceSnapshot, kind: InvoiceEventKind, createdAt: Date? = nil) async throws {
        let created = createdAt ?? Self.dueDate.addingTimeInterval(-30 * 86_400)
        let event = InvoiceEvent(
            source: "stripe", eventId: "evt_\(snapshot.providerInvoiceId)_\(kind.rawValue)_\(Int(created.timeIntervalSince1970))",
            kind: kind, createdAt: created, invoice: snapshot
        )
        let results = try await store.ingest([IncomingEvent(
            source: "stripe", eventId: event.eventId, origin: .webhook, receivedAt: clock.now(), headers: [:], body: [], content: .invoice(event)
        )])
        guard case .stored(_, .applied, _) = try results.first?.get() else {
            Issue.record("event not applied: \(results)")
            return
        }
    }

    // MARK: - Outbox

    /// Every delivery, oldest first.
    func deliveries() async throws -> [Delivery] {
        try await store.deliveries(matching: DeliveryFilter(), limit: 1000, before: nil).reversed()
    }

    func delivery(_ invoiceId: String, _ channel: InvoiceDomain.Channel) async throws -> Delivery {
        let matches = try await store.deliveries(matching: DeliveryFilter(channel: channel, invoiceId: invoiceId), limit: 10, before: nil)
        return try #require(matches.first, "no \(channel) delivery for \(invoiceId)")
    }

    /// Runs ticks, moving the clock by `step` after each, until a tick claims nothing (at most `limit` ticks).
    func drain(_ scheduler: ReminderScheduler, step: TimeInterval = 0, limit: Int = 10) async {
        for _ in 0..<limit {
            let report = await scheduler.runOnce()
            clock.advance(by: step)
            if report.claimed == 0 { return }
        }
    }
}

let utcZone = TimeZone(identifier: "UTC") ?? .gmt

/// A UTC instant.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = utcZone
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)) ?? Date(timeIntervalSince1970: 0)
}
