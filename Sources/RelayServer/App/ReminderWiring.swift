import AsyncHTTPClient
import Foundation
import InvoiceDomain
import Logging
import NIOCore
import Notifications

extension RelayApp {
    /// Builds the reminder scheduler service from configuration: the step policy, the providers per
    /// channel (credentials from the environment or `_FILE`), and the shipped templates, which are
    /// validated and seeded into the store here so a broken template stops startup.
    ///
    /// A provider that is absent or disabled is skipped with a warning, and so is a channel left
    /// without any provider; an enabled provider whose secret is missing is a configuration error.
    /// - Parameter httpClient: a client for the provider calls; `nil` creates one with the configured
    ///   timeouts (no redirects) that the returned service owns and shuts down when it stops.
    /// - Returns: `nil` when reminders are disabled or no channel has a usable provider.
    /// - Throws: ``ConfigurationError`` for invalid settings or missing secrets; ``TemplateProblem`` for a
    ///   template that does not validate; store errors while seeding.
    public func makeReminderService(httpClient: HTTPClient? = nil) async throws -> ReminderService? {
        let config = options.configuration
        let logger = options.logger
        guard config.reminders.enabled else {
            logger.info("reminders are disabled")
            return nil
        }
        let schedulerConfiguration = try ReminderWiring.schedulerConfiguration(config)
        let channels = try ReminderWiring.resolveProviders(config, secrets: options.secrets, logger: logger)
        guard !channels.isEmpty else {
            logger.warning("reminders are enabled but no channel has an enabled provider; the scheduler is not started")
            return nil
        }

        let engine = TemplateEngine(smsSegmentWarningLimit: config.reminders.smsSegmentWarningLimit)
        let directory = URL(fileURLWithPath: config.reminders.templatesDirectory)
        let seeded = try await TemplateSeeder.seed(from: directory, engine: engine, into: store, now: options.clock.now())
        logger.info("templates loaded", metadata: ["directory": "\(directory.path)", "new_versions": "\(seeded)"])

        let client = httpClient ?? ProviderHTTPClient.make(
            connectTimeout: ReminderWiring.timeAmount(config.delivery.connectTimeoutSeconds),
            readTimeout: ReminderWiring.timeAmount(config.delivery.requestTimeoutSeconds),
            connectionsPerHost: config.reminders.concurrency
        )
        var routes: [InvoiceDomain.Channel: ChannelRoute] = [:]
        for (channel, resolved) in channels {
            let providers = resolved.map { ReminderWiring.makeProvider($0, config: config, client: client, clock: options.clock) }
            guard let primary = providers.first else { continue }
            routes[channel] = ChannelRoute(primary: primary, fallback: providers.dropFirst().first)
            logger.info("reminder channel routed", metadata: [
                "channel": "\(channel.rawValue)", "primary": "\(primary.name)",
                "fallback": "\(providers.dropFirst().first?.name ?? "none")",
            ])
        }
        let router = ProviderRouter(routes: routes, maxInlineWait: schedulerConfiguration.maxInlineRateLimitWait)
        let scheduler = ReminderScheduler(
            store: store, router: router, configuration: schedulerConfiguration, engine: engine,
            clock: options.clock, metrics: metrics, logger: logger
        )
        return ReminderService(
            scheduler: scheduler,
            tickInterval: .milliseconds(Int64((max(config.reminders.tickSeconds, 0.01) * 1000).rounded())),
            ownedClient: httpClient == nil ? client : nil,
            logger: logger
        )
    }
}

/// Turns configuration into the Notifications module's scheduler types.
enum ReminderWiring {
    /// One enabled provider with its secret resolved.
    struct ResolvedProvider {
        var name: String
        var settings: ProviderSettings
        var secret: String
    }

    static func schedulerConfiguration(_ config: RelayConfiguration) throws -> SchedulerConfiguration {
        let reminders = config.reminders
        guard let businessZone = TimeZone(identifier: config.business.timeZone) else {
            throw ConfigurationError("business.timeZone: unknown time zone '\(config.business.timeZone)'")
        }
        var defaultCustomerZone: TimeZone?
        if let identifier = reminders.quietHours.defaultTimeZone {
            guard let zone = TimeZone(identifier: identifier) else {
                throw ConfigurationError("reminders.quietHours.defaultTimeZone: unknown time zone '\(identifier)'")
            }
            defaultCustomerZone = zone
        }
        let steps = try reminders.steps.map(step)
        guard Set(steps.map(\.name)).count == steps.count else {
            throw ConfigurationError("reminders.steps: step names must be unique")
        }
        let delivery = config.delivery
        let sendBudget = delivery.connectTimeoutSeconds + delivery.requestTimeoutSeconds + 5
        guard reminders.leaseSeconds > sendBudget else {
            throw ConfigurationError("reminders.leaseSeconds (\(reminders.leaseSeconds)) must exceed the connect and request timeouts plus 5 s (\(sendBudget))")
        }
        return SchedulerConfiguration(
            policy: ReminderPolicy(
                steps: steps, businessTimeZone: businessZone,
                sendAt: (reminders.sendAt.hour, reminders.sendAt.minute)
            ),
            batchSize: reminders.batchSize,
            concurrency: reminders.concurrency,
            lease: reminders.leaseSeconds,
            backoff: BackoffPolicy(base: delivery.backoffBaseSeconds, cap: delivery.backoffCapSeconds, maxAttempts: delivery.maxAttempts),
            quietHours: QuietHours(
                start: (reminders.quietHours.start.hour, reminders.quietHours.start.minute),
                end: (reminders.quietHours.end.hour, reminders.quietHours.end.minute)
            ),
            defaultCustomerTimeZone: defaultCustomerZone,
            defaultLocale: config.business.defaultLocale,
            business: BusinessInfo(name: config.business.name, supportEmail: config.business.supportEmail, supportPhone: config.business.supportPhone),
            sendBudget: sendBudget,
            planInterval: reminders.planEverySeconds
        )
    }

    static func step(_ settings: ReminderStepSettings) throws -> ReminderStep {
        let channels = try settings.channels.map { name in
            guard let channel = InvoiceDomain.Channel(rawValue: name) else {
                throw ConfigurationError("reminders.steps[\(settings.name)].channels: unknown channel '\(name)' (email or sms)")
            }
            return channel
        }
        guard let kind = ReminderKind(rawValue: settings.template) else {
            let known = ReminderKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError("reminders.steps[\(settings.name)].template: unknown template family '\(settings.template)' (\(known))")
        }
        return ReminderStep(name: settings.name, offsetDays: settings.offsetDays, channels: channels, kind: kind)
    }

    /// The enabled providers per channel, primary first; channels with none are left out (with a warning).
    static func resolveProviders(
        _ config: RelayConfiguration, secrets: SecretResolver, logger: Logger
    ) throws -> [(InvoiceDomain.Channel, [ResolvedProvider])] {
        let routing: [(InvoiceDomain.Channel, ProviderChoice)] = [(.email, config.reminders.channels.email), (.sms, config.reminders.channels.sms)]
        var result: [(InvoiceDomain.Channel, [ResolvedProvider])] = []
        for (channel, choice) in routing {
            var resolved: [ResolvedProvider] = []
            for name in [choice.primary] + (choice.fallback.map { [$0] } ?? []) {
                guard let expected = channelOf(provider: name) else {
                    throw ConfigurationError("reminders.channels.\(channel.rawValue): unknown provider '\(name)' (sendgrid, postmark, twilio)")
                }
                guard expected == channel else {
                    throw ConfigurationError("reminders.channels.\(channel.rawValue): provider '\(name)' sends \(expected.rawValue), not \(channel.rawValue)")
                }
                guard let settings = config.providers.settings(named: name), settings.enabled else {
                    logger.warning("reminder provider not configured or disabled; skipped", metadata: ["channel": "\(channel.rawValue)", "provider": "\(name)"])
                    continue
                }
                if name == "twilio", (settings.accountSid ?? "").isEmpty {
                    throw ConfigurationError("providers.twilio.accountSid is required")
                }
                let secret = try secrets.require(settings.credential, for: "providers.\(name).credential")
                resolved.append(ResolvedProvider(name: name, settings: settings, secret: secret))
            }
            if resolved.isEmpty {
                logger.warning("no enabled provider for a reminder channel; its reminders are not sent", metadata: ["channel": "\(channel.rawValue)"])
            } else {
                result.append((channel, resolved))
            }
        }
        return result
    }

    static func channelOf(provider name: String) -> InvoiceDomain.Channel? {
        switch name {
        case "sendgrid", "postmark": .email
        case "twilio": .sms
        default: nil
        }
    }

    static func makeProvider(_ resolved: ResolvedProvider, config: RelayConfiguration, client: HTTPClient, clock: any WallClock) -> RoutedProvider {
        let settings = resolved.settings
        let timeout = timeAmount(config.delivery.requestTimeoutSeconds)
        let sender = SenderIdentity(email: settings.fromEmail, name: settings.fromName, phone: settings.fromPhone, messagingServiceSid: settings.messagingServiceSid)
        let provider: any MessageProvider
        let carriesKey: Bool
        switch resolved.name {
        case "postmark":
            provider = PostmarkProvider(baseURL: settings.baseURL, serverToken: resolved.secret, from: sender, messageStream: settings.messageStream, client: client, timeout: timeout, clock: clock)
            carriesKey = true
        case "twilio":
            provider = TwilioProvider(baseURL: settings.baseURL, accountSid: settings.accountSid ?? "", authToken: resolved.secret, from: sender, client: client, timeout: timeout, clock: clock)
            carriesKey = false
        default:
            provider = SendGridProvider(baseURL: settings.baseURL, apiKey: resolved.secret, from: sender, client: client, timeout: timeout, clock: clock)
            carriesKey = true
        }
        return RoutedProvider(
            provider: provider,
            carriesIdempotencyKey: carriesKey,
            circuit: .init(failureThreshold: settings.circuitFailureThreshold, openDuration: settings.circuitOpenSeconds, halfOpenProbes: settings.circuitHalfOpenProbes),
            ratePerSecond: settings.ratePerSecond,
            burst: settings.burst
        )
    }

    static func timeAmount(_ seconds: Double) -> TimeAmount {
        .milliseconds(Int64((max(seconds, 0.001) * 1000).rounded()))
    }
}
