package import AsyncHTTPClient
import Foundation
import InvoiceDomain
import Logging
import NIOCore
package import Notifications

extension RelayApp {
    /// The HTTP client the reminder providers share: no redirects, the configured timeouts, as many connections
    /// per provider host as the scheduler sends at once.
    package func makeProviderHTTPClient() -> HTTPClient {
        let config = configuration
        return ProviderHTTPClient.make(
            connectTimeout: ReminderWiring.timeAmount(config.delivery.connectTimeoutSeconds),
            readTimeout: ReminderWiring.timeAmount(config.delivery.requestTimeoutSeconds),
            connectionsPerHost: config.reminders.concurrency
        )
    }

    /// Builds the reminder scheduler service from configuration: the step policy and the providers per channel
    /// (credentials from the environment or `_FILE`). Templates were loaded by ``build(_:)``.
    ///
    /// A provider that is absent or disabled is skipped with a warning, and so is a channel left without any
    /// provider; an enabled provider whose secret is missing is a configuration error.
    /// - Parameter httpClient: the client for the provider calls, owned by the caller.
    /// - Returns: `nil` when reminders are disabled or no channel has a usable provider.
    /// - Throws: ``ConfigurationError`` for a missing secret.
    /// - Parameter leadership: who plans among relays sharing the database (`nil`: this relay always plans).
    package func makeReminderService(httpClient: HTTPClient, leadership: Leadership? = nil) throws -> ReminderService? {
        let config = configuration
        let logger = options.logger
        guard config.reminders.enabled else {
            logger.info("reminders are disabled")
            return nil
        }
        let channels = try ReminderWiring.resolveProviders(config, secrets: options.secrets, logger: logger)
        guard !channels.isEmpty else {
            logger.warning("reminders are enabled but no channel has an enabled provider; the scheduler is not started")
            return nil
        }
        var routes: [InvoiceDomain.Channel: ChannelRoute] = [:]
        for (channel, resolved) in channels {
            let providers = resolved.map { ReminderWiring.makeProvider($0, config: config, client: httpClient, clock: options.clock) }
            guard let primary = providers.first else { continue }
            routes[channel] = ChannelRoute(primary: primary, fallback: providers.dropFirst().first)
            logger.info("reminder channel routed", metadata: [
                "channel": "\(channel.rawValue)", "primary": "\(primary.name)",
                "fallback": "\(providers.dropFirst().first?.name ?? "none")",
            ])
        }
        let schedulerConfiguration = ReminderWiring.schedulerConfiguration(config)
        let router = ProviderRouter(routes: routes, maxInlineWait: schedulerConfiguration.maxInlineRateLimitWait)
        let scheduler = ReminderScheduler(
            store: store, router: router, configuration: schedulerConfiguration,
            engine: TemplateEngine(smsSegmentWarningLimit: config.reminders.smsSegmentWarningLimit),
            clock: options.clock, metrics: metrics, logger: logger, suppressions: store,
            planningAllowed: { leadership?.isLeader(.reminderPlanning) ?? true }
        )
        return ReminderService(
            scheduler: scheduler,
            tickInterval: .milliseconds(Int64((max(config.reminders.tickSeconds, 0.01) * 1000).rounded())),
            logger: logger
        )
    }
}

/// Turns typed configuration into the Notifications module's scheduler types.
enum ReminderWiring {
    /// One enabled provider with its secret resolved.
    struct ResolvedProvider {
        var provider: MessagingProvider
        var settings: ProviderSettings
        var secret: String
    }

    static func schedulerConfiguration(_ config: RelayConfiguration) -> SchedulerConfiguration {
        let reminders = config.reminders
        let delivery = config.delivery
        var policy = ReminderPolicy(
            steps: reminders.steps.map(\.step),
            businessTimeZone: config.business.timeZone,
            sendAt: (reminders.sendAt.hour, reminders.sendAt.minute)
        )
        policy.businessDays = reminders.businessDays.businessDays(calendarHolidays: config.holidayCalendarDates)
        policy.paymentFailedChannels = reminders.paymentFailedChannels
        policy.actionRequiredChannels = reminders.actionRequiredChannels
        policy.receipt = reminders.receipt
        policy.receiptChannels = reminders.receiptChannels
        var named: [String: ReminderPolicy] = [:]
        for (name, settings) in reminders.policies {
            var namedPolicy = ReminderPolicy(steps: settings.steps.map(\.step), businessTimeZone: policy.businessTimeZone, sendAt: policy.sendAt)
            namedPolicy.businessDays = policy.businessDays
            namedPolicy.paymentFailedChannels = policy.paymentFailedChannels
            namedPolicy.actionRequiredChannels = policy.actionRequiredChannels
            namedPolicy.receipt = policy.receipt
            namedPolicy.receiptChannels = policy.receiptChannels
            named[name] = namedPolicy
        }
        var scheduler = SchedulerConfiguration(
            policy: policy,
            batchSize: reminders.batchSize,
            concurrency: reminders.concurrency,
            lease: reminders.leaseSeconds,
            backoff: BackoffPolicy(base: delivery.backoffBaseSeconds, cap: delivery.backoffCapSeconds, maxAttempts: delivery.maxAttempts),
            quietHours: QuietHours(
                start: (reminders.quietHours.start.hour, reminders.quietHours.start.minute),
                end: (reminders.quietHours.end.hour, reminders.quietHours.end.minute)
            ),
            defaultCustomerTimeZone: reminders.quietHours.defaultTimeZone,
            defaultLocale: config.business.defaultLocale,
            business: BusinessInfo(
                name: config.business.name, supportEmail: config.business.supportEmail, supportPhone: config.business.supportPhone,
                arEmail: config.business.arEmail
            ),
            sendBudget: delivery.sendBudgetSeconds,
            planInterval: reminders.planEverySeconds,
            emailSendWindow: reminders.emailWindow.map {
                SendWindow(start: ($0.start.hour, $0.start.minute), end: ($0.end.hour, $0.end.minute))
            }
        )
        scheduler.namedPolicies = named
        return scheduler
    }

    /// The enabled providers per channel, primary first; channels with none are left out (with a warning).
    static func resolveProviders(
        _ config: RelayConfiguration, secrets: SecretResolver, logger: Logger
    ) throws -> [(InvoiceDomain.Channel, [ResolvedProvider])] {
        let routing: [(InvoiceDomain.Channel, ProviderChoice)] = [(.email, config.reminders.channels.email), (.sms, config.reminders.channels.sms)]
        var result: [(InvoiceDomain.Channel, [ResolvedProvider])] = []
        for (channel, choice) in routing {
            var resolved: [ResolvedProvider] = []
            for provider in choice.providers {
                guard let settings = config.providers.settings(for: provider), settings.enabled else {
                    logger.warning("reminder provider not configured or disabled; skipped", metadata: ["channel": "\(channel.rawValue)", "provider": "\(provider.rawValue)"])
                    continue
                }
                let secret = try secrets.require(settings.credential, for: "providers.\(provider.rawValue).credential")
                resolved.append(ResolvedProvider(provider: provider, settings: settings, secret: secret))
            }
            if resolved.isEmpty {
                logger.warning("no enabled provider for a reminder channel; its reminders are not sent", metadata: ["channel": "\(channel.rawValue)"])
            } else {
                result.append((channel, resolved))
            }
        }
        return result
    }

    static func makeProvider(_ resolved: ResolvedProvider, config: RelayConfiguration, client: HTTPClient, clock: any WallClock) -> RoutedProvider {
        let settings = resolved.settings
        let timeout = timeAmount(config.delivery.requestTimeoutSeconds)
        let baseURL = settings.baseURL.absoluteString
        let sender = SenderIdentity(email: settings.fromEmail, name: settings.fromName, phone: settings.fromPhone, messagingServiceSid: settings.messagingServiceSid)
        let provider: any MessageProvider
        let carriesKey: Bool
        switch resolved.provider {
        case .sendgrid:
            provider = SendGridProvider(baseURL: baseURL, apiKey: resolved.secret, from: sender, client: client, timeout: timeout, clock: clock)
            carriesKey = true
        case .postmark:
            provider = PostmarkProvider(baseURL: baseURL, serverToken: resolved.secret, from: sender, messageStream: settings.messageStream, client: client, timeout: timeout, clock: clock)
            carriesKey = true
        case .twilio:
            provider = TwilioProvider(
                baseURL: baseURL, accountSid: settings.accountSid ?? "", authToken: resolved.secret, from: sender, client: client,
                timeout: timeout, clock: clock, statusCallback: config.twilioStatusCallbackURL
            )
            carriesKey = false
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
