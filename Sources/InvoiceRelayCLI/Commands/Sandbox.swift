import FakeProviders
import Foundation
import Logging
import RelayAdmin
import RelayServer
import Synchronization
import StoreSeams

/// `serve --sandbox`: fake SendGrid, Postmark, Twilio and Stripe on loopback, demo invoices in the fake
/// Stripe account, and the configuration pointed at them — the whole system with no provider account.
/// Reconciliation picks the demo invoices up from the fake Stripe API; the scheduler then sends their
/// reminders to the fakes, and every message a fake accepts is logged.
struct Sandbox: Sendable {
    let sendgrid: FakeSendGrid
    let postmark: FakePostmark
    let twilio: FakeTwilio
    let stripe: FakeStripe
    let watcher: Task<Void, Never>
    let logger: Logger

    static func start(configuration config: inout RelayConfiguration, environment: inout [String: String], logger: Logger) async throws -> Sandbox {
        let accountSid = "AC" + String(repeating: "5a", count: 16)
        let sendgrid = try await FakeSendGrid.start(apiKey: "SG.sandbox-key")
        let postmark = try await FakePostmark.start(serverToken: "sandbox-postmark-token")
        let twilio = try await FakeTwilio.start(accountSid: accountSid, authToken: "sandbox-twilio-token")
        let stripe = try await FakeStripe.start(secretKey: "sk_test_sandbox")
        environment["SANDBOX_SENDGRID_KEY"] = "SG.sandbox-key"
        environment["SANDBOX_POSTMARK_TOKEN"] = "sandbox-postmark-token"
        environment["SANDBOX_TWILIO_TOKEN"] = "sandbox-twilio-token"
        environment["SANDBOX_STRIPE_KEY"] = "sk_test_sandbox"
        if environment["STRIPE_WEBHOOK_SECRET"] == nil { environment["STRIPE_WEBHOOK_SECRET"] = "whsec_sandbox" }

        config.database.path = URL(fileURLWithPath: config.database.path).deletingLastPathComponent().appendingPathComponent("sandbox.sqlite").path
        config.providers = try ProvidersSettings.sandbox(sendgrid: sendgrid.baseURL, postmark: postmark.baseURL, twilio: twilio.baseURL, accountSid: accountSid)
        config.reminders.enabled = true
        config.reminders.tickSeconds = 2
        // Plan on every other tick, not once a minute: reminders for the demo invoices show within seconds of
        // reconciliation bringing them in.
        config.reminders.planEverySeconds = 2
        config.reminders.quietHours.start = config.reminders.quietHours.end
        config.reconciliation.enabled = true
        config.reconciliation.baseURL = try url(stripe.baseURL)
        config.reconciliation.secretKey = SecretReference(env: "SANDBOX_STRIPE_KEY")
        config.reconciliation.intervalSeconds = 10
        config.reconciliation.fastIntervalSeconds = 5
        if !config.sources.contains(where: { $0.name == config.reconciliation.source }) {
            config.sources.append(SourceSettings(name: config.reconciliation.source, scheme: .stripe, secrets: [SecretReference(env: "STRIPE_WEBHOOK_SECRET")]))
        }
        seedDemoInvoices(into: stripe)

        let seen = Mutex(0)
        let watcher = Task {
            while !Task.isCancelled {
                let messages = sendgrid.delivered().map { ("SendGrid", $0) } + postmark.delivered().map { ("Postmark", $0) } + twilio.delivered().map { ("Twilio", $0) }
                let fresh = seen.withLock { count -> ArraySlice<(String, DeliveredMessage)> in
                    defer { count = messages.count }
                    return messages.dropFirst(count)
                }
                for (provider, message) in fresh {
                    logger.notice("sandbox: \(provider) accepted a message", metadata: [
                        "to": .string(message.to), "subject": .string(message.subject ?? "(sms)"), "text": .string(String((message.text ?? "").prefix(160))),
                    ])
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
        return Sandbox(sendgrid: sendgrid, postmark: postmark, twilio: twilio, stripe: stripe, watcher: watcher, logger: logger)
    }

    /// Four demo invoices: a week overdue, due today, due in two days, and one already paid (gets nothing).
    private static func url(_ text: String) throws -> URL {
        guard let url = URL(string: text) else { throw CLIError("sandbox: fake server address \(text) is not a URL") }
        return url
    }

    static func seedDemoInvoices(into stripe: FakeStripe) {
        let now = Int64(Date().timeIntervalSince1970)
        let day: Int64 = 86_400
        let demos: [(String, String, Int64, String, String?)] = [
            ("in_sandbox_overdue", "Ada Lovelace", now - 8 * day, "open", "+14155550101"),
            ("in_sandbox_due", "Grace Hopper", now - 60, "open", "+14155550102"),
            ("in_sandbox_soon", "Katherine Johnson", now + 2 * day, "open", nil),
            ("in_sandbox_paid", "Edsger Dijkstra", now - 3 * day, "paid", "+14155550104"),
        ]
        for (index, demo) in demos.enumerated() {
            let invoice = FakeInvoice(
                id: demo.0, number: "SANDBOX-\(1001 + index)", customer: "cus_sandbox_\(index)", customerName: demo.1,
                customerEmail: "customer\(index)@example.com", customerPhone: demo.4, amountDue: 12_500 + Int64(index) * 1_000,
                amountPaid: demo.3 == "paid" ? 12_500 + Int64(index) * 1_000 : 0, dueDate: demo.2, status: demo.3, created: now - 30 * day
            )
            stripe.upsertInvoice(invoice)
            _ = stripe.addInvoiceEvent(id: "evt_sandbox_\(index)", type: demo.3 == "paid" ? "invoice.paid" : "invoice.finalized", created: now - 60 + Int64(index), invoice: invoice)
        }
    }

    /// Creates an admin token for the console, named after the start time so each run has its own (it expires in a
    /// day). The secret is printed once, by ``ready(port:consolePath:token:)``.
    static func consoleToken(_ relay: RelayApp) async throws -> String {
        let name = "sandbox-console-\(Int(Date().timeIntervalSince1970))"
        return try await relay.admin.createToken(name: name, scope: .admin, expiresIn: 86_400, actor: "sandbox").secret
    }

    func ready(port: Int, consolePath: String?, token: String?) async {
        if let consolePath, let token {
            // On stdout, not only in the log: this is what a person starting the sandbox wants to copy.
            let line = "sandbox console: http://127.0.0.1:\(port)\(consolePath)  sign in with admin token: \(token)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        logger.notice("sandbox ready", metadata: [
            "sendgrid": .string(sendgrid.baseURL), "postmark": .string(postmark.baseURL), "twilio": .string(twilio.baseURL),
            "stripe": .string(stripe.baseURL), "webhooks": .string("http://127.0.0.1:\(port)/webhooks/stripe (secret: $STRIPE_WEBHOOK_SECRET or whsec_sandbox)"),
        ])
    }

    func stop() async {
        watcher.cancel()
        await sendgrid.shutdown()
        await postmark.shutdown()
        await twilio.shutdown()
        await stripe.shutdown()
    }
}

extension ProvidersSettings {
    /// All three providers enabled and pointed at the sandbox fakes.
    static func sandbox(sendgrid: String, postmark: String, twilio: String, accountSid: String) throws -> ProvidersSettings {
        let json = """
            {
              "sendgrid": { "baseURL": "\(sendgrid)", "credential": { "env": "SANDBOX_SENDGRID_KEY" }, "fromEmail": "billing@example.com", "fromName": "Example Co. Billing" },
              "postmark": { "baseURL": "\(postmark)", "credential": { "env": "SANDBOX_POSTMARK_TOKEN" }, "fromEmail": "billing@example.com", "messageStream": "outbound" },
              "twilio": { "baseURL": "\(twilio)", "credential": { "env": "SANDBOX_TWILIO_TOKEN" }, "accountSid": "\(accountSid)", "fromPhone": "+15555550100" }
            }
            """
        return try JSONDecoder().decode(ProvidersSettings.self, from: Data(json.utf8))
    }
}
