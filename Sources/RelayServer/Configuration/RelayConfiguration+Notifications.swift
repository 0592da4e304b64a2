package import Foundation
package import InvoiceDomain

// MARK: - Reminders

/// When and how reminders are chosen (see README "Reminder policy").
package struct ReminderSettings: Sendable, Decodable {
    package var enabled = true
    /// Scheduler tick: how often due deliveries are claimed and sent.
    package var tickSeconds = 30.0
    /// How often the planner scans remindable invoices for newly due steps (at most once per tick; 0 = every tick).
    package var planEverySeconds = 60.0
    /// At most this many deliveries claimed per tick, sent with at most `concurrency` in flight.
    package var batchSize = 100
    package var concurrency = 8
    /// A claimed delivery not finished within this time is claimable again (crash recovery).
    package var leaseSeconds = 120.0
    /// Local business time at which a step's day begins to count as due.
    package var sendAt = TimeOfDay(hour: 9, minute: 0)
    package var quietHours = QuietHoursSettings()
    package var steps: [ReminderStepSettings] = ReminderStepSettings.defaults
    package var templatesDirectory = "templates"
    package var smsSegmentWarningLimit = 2
    package var channels = ChannelRouting()
    /// Receipts for paid invoices: `never` (default), `afterReminder`, `always`.
    package var receipt: ReceiptRule = .never
    /// Channels of the payment-failed, action-required and receipt messages.
    package var paymentFailedChannels: [Channel] = [.email, .sms]
    package var actionRequiredChannels: [Channel] = [.email, .sms]
    package var receiptChannels: [Channel] = [.email]
    /// Which days steps may fall on (off by default: every day counts).
    package var businessDays = BusinessDaysSettings()
    /// E-mail only inside this customer-local window; absent sends e-mail at any hour.
    package var emailWindow: TimeWindowSettings?
    /// Named policies (`gentle`, …) chosen per invoice by Stripe metadata `reminder_policy`; `steps` is `default`.
    package var policies: [String: NamedPolicySettings] = [:]

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, tickSeconds, planEverySeconds, batchSize, concurrency, leaseSeconds, sendAt, quietHours, steps, templatesDirectory, smsSegmentWarningLimit, channels
        case receipt, paymentFailedChannels, actionRequiredChannels, receiptChannels, businessDays, emailWindow, policies
    }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, default: enabled)
        tickSeconds = try c.value(.tickSeconds, default: tickSeconds)
        planEverySeconds = try c.value(.planEverySeconds, default: planEverySeconds)
        batchSize = try c.value(.batchSize, default: batchSize)
        concurrency = try c.value(.concurrency, default: concurrency)
        leaseSeconds = try c.value(.leaseSeconds, default: leaseSeconds)
        sendAt = try c.value(.sendAt, default: sendAt)
        quietHours = try c.value(.quietHours, default: quietHours)
        steps = try c.value(.steps, default: steps)
        templatesDirectory = try c.value(.templatesDirectory, default: templatesDirectory)
        smsSegmentWarningLimit = try c.value(.smsSegmentWarningLimit, default: smsSegmentWarningLimit)
        channels = try c.value(.channels, default: channels)
        receipt = try c.choice(.receipt, default: receipt)
        paymentFailedChannels = try c.contains(.paymentFailedChannels) ? c.choices(.paymentFailedChannels) : paymentFailedChannels
        actionRequiredChannels = try c.contains(.actionRequiredChannels) ? c.choices(.actionRequiredChannels) : actionRequiredChannels
        receiptChannels = try c.contains(.receiptChannels) ? c.choices(.receiptChannels) : receiptChannels
        businessDays = try c.value(.businessDays, default: businessDays)
        emailWindow = try c.decodeIfPresent(TimeWindowSettings.self, forKey: .emailWindow)
        policies = try c.value(.policies, default: policies)
    }
}

/// A named reminder policy: its own steps; everything else (send time, business days, windows, event messages) is
/// shared with the default policy.
package struct NamedPolicySettings: Sendable, Decodable {
    package var steps: [ReminderStepSettings]

    package init(steps: [ReminderStepSettings]) {
        self.steps = steps
    }
    enum CodingKeys: String, CodingKey, CaseIterable { case steps }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        steps = try c.decode([ReminderStepSettings].self, forKey: .steps)
    }
}

/// Business days in the business time zone: the working weekdays and the holidays (listed here and/or read from
/// `holidays/<holidayCalendar>.json` beside the configuration file: a JSON array of `YYYY-MM-DD` strings).
package struct BusinessDaysSettings: Sendable, Decodable {
    /// Off by default: every day counts and no step moves.
    package var enabled = false
    package var weekdays: [Weekday] = [.mon, .tue, .wed, .thu, .fri]
    package var holidays: [CivilDate] = []
    /// Name of a holiday file `holidays/<name>.json` next to the configuration file.
    package var holidayCalendar: String?

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case enabled, weekdays, holidays, holidayCalendar }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, default: enabled)
        weekdays = try c.contains(.weekdays) ? c.choices(.weekdays) : weekdays
        if c.contains(.holidays) {
            let texts = try c.decode([String].self, forKey: .holidays)
            holidays = try texts.enumerated().map { index, text in
                guard let date = CivilDate(parsing: text) else {
                    throw DecodingError.dataCorrupted(.init(
                        codingPath: c.codingPath + [CodingKeys.holidays, AnyKey(intValue: index)!], debugDescription: "'\(text)' is not a date YYYY-MM-DD"
                    ))
                }
                return date
            }
        }
        holidayCalendar = try c.decodeIfPresent(String.self, forKey: .holidayCalendar)
    }

    /// The domain value: ``BusinessDays/everyDay`` when disabled.
    /// - Parameter calendarHolidays: the dates of the holiday file.
    package func businessDays(calendarHolidays: [CivilDate]) -> BusinessDays {
        guard enabled else { return .everyDay }
        return BusinessDays(weekdays: Set(weekdays.map(\.calendarWeekday)), holidays: Set(holidays + calendarHolidays))
    }
}

/// A day of the week as configuration writes it.
package enum Weekday: String, Sendable, CaseIterable, Codable {
    case mon, tue, wed, thu, fri, sat, sun

    /// Foundation's weekday number (1 = Sunday … 7 = Saturday).
    package var calendarWeekday: Int {
        switch self {
        case .sun: 1
        case .mon: 2
        case .tue: 3
        case .wed: 4
        case .thu: 5
        case .fri: 6
        case .sat: 7
        }
    }
}

/// A daily local-time window `[start, end)`, wrapping midnight when `start` is after `end`.
package struct TimeWindowSettings: Sendable, Decodable, Equatable {
    package var start: TimeOfDay
    package var end: TimeOfDay

    package init(start: TimeOfDay, end: TimeOfDay) {
        self.start = start
        self.end = end
    }
    enum CodingKeys: String, CodingKey, CaseIterable { case start, end }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = try c.decode(TimeOfDay.self, forKey: .start)
        end = try c.decode(TimeOfDay.self, forKey: .end)
    }
}

/// SMS is held back during these local hours in the customer's zone (or `defaultTimeZone`).
package struct QuietHoursSettings: Sendable, Decodable {
    package var start = TimeOfDay(hour: 21, minute: 0)
    package var end = TimeOfDay(hour: 8, minute: 0)
    /// Zone for customers whose own zone is unknown; `nil` means the business time zone.
    package var defaultTimeZone: TimeZone?

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case start, end, defaultTimeZone }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = try c.value(.start, default: start)
        end = try c.value(.end, default: end)
        defaultTimeZone = try c.timeZoneIfPresent(.defaultTimeZone)
    }
}

/// One reminder step: `offsetDays` calendar days from the due date (negative = before, sent at `sendAt`), or an
/// exact `offset` from the due timestamp (`"-3d"`, `"+2h"`, `"-90m"`, `"+30s"`, ISO 8601 `"PT2H"`); exactly one of them.
package struct ReminderStepSettings: Sendable, Decodable, Equatable {
    package var name: String
    package var offset: ReminderOffset
    /// `email` and/or `sms`.
    package var channels: [Channel]
    /// Template family: `before_due`, `due_today`, `overdue`, `final_notice` (or any other ``ReminderKind``).
    package var template: ReminderKind
    /// Where the step moves when it falls on a day off: `next` (default) or `previous` business day.
    package var onDayOff: DayOffShift = .next
    /// Copy the invoice's metadata `escalation_email` on this step's e-mail.
    package var copyEscalationEmail = false
    /// Copy `business.arEmail` on this step's e-mail.
    package var copyAccountsReceivable = false

    package init(name: String, offset: ReminderOffset, channels: [Channel], template: ReminderKind, onDayOff: DayOffShift = .next) {
        self.name = name
        self.offset = offset
        self.channels = channels
        self.template = template
        self.onDayOff = onDayOff
    }

    package init(name: String, offsetDays: Int, channels: [Channel], template: ReminderKind) {
        self.init(name: name, offset: .days(offsetDays), channels: channels, template: template)
    }

    /// Whole days of a day offset (the historical key).
    package var offsetDays: Int { ReminderStep(name: name, offset: offset, channels: channels, kind: template).offsetDays }

    package static let defaults: [ReminderStepSettings] = [
        .init(name: "before-3d", offsetDays: -3, channels: [.email], template: .beforeDue),
        .init(name: "due", offsetDays: 0, channels: [.email, .sms], template: .dueToday),
        .init(name: "overdue-3d", offsetDays: 3, channels: [.email], template: .overdue),
        .init(name: "overdue-7d", offsetDays: 7, channels: [.email, .sms], template: .overdue),
        .init(name: "overdue-14d", offsetDays: 14, channels: [.email, .sms], template: .finalNotice),
    ]

    /// The domain step.
    package var step: ReminderStep {
        ReminderStep(
            name: name, offset: offset, channels: channels, kind: template, dayOffShift: onDayOff,
            copyEscalationEmail: copyEscalationEmail, copyAccountsReceivable: copyAccountsReceivable
        )
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, offsetDays, offset, channels, template, onDayOff, copyEscalationEmail, copyAccountsReceivable
    }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        switch (c.contains(.offsetDays), c.contains(.offset)) {
        case (true, false):
            offset = .days(try c.decode(Int.self, forKey: .offsetDays))
        case (false, true):
            let text = try c.decode(String.self, forKey: .offset)
            guard let parsed = ReminderOffset(parsing: text) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: c.codingPath + [CodingKeys.offset],
                    debugDescription: "'\(text)' is not a duration like -3d, +2h, -90m, +30s or PT2H"
                ))
            }
            offset = parsed
        case (true, true):
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [CodingKeys.offset], debugDescription: "give offsetDays or offset, not both"))
        case (false, false):
            throw DecodingError.keyNotFound(CodingKeys.offsetDays, .init(codingPath: c.codingPath, debugDescription: "offsetDays or offset"))
        }
        channels = try c.choices(.channels)
        template = try c.choice(.template)
        onDayOff = try c.choice(.onDayOff, default: onDayOff)
        copyEscalationEmail = try c.value(.copyEscalationEmail, default: copyEscalationEmail)
        copyAccountsReceivable = try c.value(.copyAccountsReceivable, default: copyAccountsReceivable)
    }
}

/// Which provider sends each channel, with an optional fallback used while the primary's circuit is open.
package struct ChannelRouting: Sendable, Decodable {
    package var email = ProviderChoice(primary: .sendgrid, fallback: .postmark)
    package var sms = ProviderChoice(primary: .twilio, fallback: nil)

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case email, sms }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        email = try c.value(.email, default: email)
        sms = try c.value(.sms, default: sms)
    }
}

package struct ProviderChoice: Sendable, Decodable, Equatable {
    package var primary: MessagingProvider
    package var fallback: MessagingProvider?

    /// The primary, then the fallback if any.
    package var providers: [MessagingProvider] { [primary] + (fallback.map { [$0] } ?? []) }

    package init(primary: MessagingProvider, fallback: MessagingProvider?) {
        self.primary = primary
        self.fallback = fallback
    }
    enum CodingKeys: String, CodingKey, CaseIterable { case primary, fallback }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        primary = try c.choice(.primary)
        fallback = try c.contains(.fallback) && !c.decodeNil(forKey: .fallback) ? c.choice(.fallback) : nil
    }
}

// MARK: - Delivery

/// Retry and timeout behaviour shared by every provider call.
package struct DeliverySettings: Sendable, Decodable {
    /// The longest one provider call may take (connect + request timeouts, plus 5 s of slack): a lease must
    /// outlast it, or a slow call's delivery could be claimed twice.
    package var sendBudgetSeconds: Double { connectTimeoutSeconds + requestTimeoutSeconds + 5 }

    /// Exponential backoff with full jitter: wait uniform(0, min(cap, base·2^(attempt-1))).
    package var backoffBaseSeconds = 30.0
    package var backoffCapSeconds = 3600.0
    package var maxAttempts = 8
    package var connectTimeoutSeconds = 5.0
    package var requestTimeoutSeconds = 15.0

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case backoffBaseSeconds, backoffCapSeconds, maxAttempts, connectTimeoutSeconds, requestTimeoutSeconds }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        backoffBaseSeconds = try c.value(.backoffBaseSeconds, default: backoffBaseSeconds)
        backoffCapSeconds = try c.value(.backoffCapSeconds, default: backoffCapSeconds)
        maxAttempts = try c.value(.maxAttempts, default: maxAttempts)
        connectTimeoutSeconds = try c.value(.connectTimeoutSeconds, default: connectTimeoutSeconds)
        requestTimeoutSeconds = try c.value(.requestTimeoutSeconds, default: requestTimeoutSeconds)
    }
}

/// The providers InvoiceRelay can send through. A disabled (or absent) provider is never called.
package struct ProvidersSettings: Sendable, Decodable {
    package var sendgrid: ProviderSettings?
    package var postmark: ProviderSettings?
    package var twilio: ProviderSettings?

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case sendgrid, postmark, twilio }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sendgrid = try c.decodeIfPresent(ProviderSettings.self, forKey: .sendgrid)
        postmark = try c.decodeIfPresent(ProviderSettings.self, forKey: .postmark)
        twilio = try c.decodeIfPresent(ProviderSettings.self, forKey: .twilio)
    }

    /// The settings of `provider`, or `nil` when the file does not configure it.
    package func settings(for provider: MessagingProvider) -> ProviderSettings? {
        switch provider {
        case .sendgrid: sendgrid
        case .postmark: postmark
        case .twilio: twilio
        }
    }
}

/// One provider's endpoint, credentials, sender identity and protective limits.
package struct ProviderSettings: Sendable, Decodable {
    package var enabled = true
    /// API base URL: `https://api.sendgrid.com`, `https://api.postmarkapp.com`, `https://api.twilio.com` — or a fake's.
    package var baseURL: URL
    /// SendGrid API key / Postmark server token / Twilio auth token.
    package var credential: SecretReference
    /// Twilio only: the Account SID (not secret).
    package var accountSid: String?
    package var fromEmail: String?
    package var fromName: String?
    /// Twilio: sending number (E.164) or `messagingServiceSid`.
    package var fromPhone: String?
    package var messagingServiceSid: String?
    /// Postmark message stream (default `outbound`).
    package var messageStream: String?
    /// Token bucket: sustained requests per second and burst.
    package var ratePerSecond = 10.0
    package var burst = 20.0
    /// Circuit breaker: consecutive failures to open, seconds open, successful probes to close.
    package var circuitFailureThreshold = 5
    package var circuitOpenSeconds = 60.0
    package var circuitHalfOpenProbes = 1

    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, baseURL, credential, accountSid, fromEmail, fromName, fromPhone, messagingServiceSid, messageStream
        case ratePerSecond, burst, circuitFailureThreshold, circuitOpenSeconds, circuitHalfOpenProbes
    }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, default: enabled)
        baseURL = try c.httpURL(.baseURL)
        credential = try c.decode(SecretReference.self, forKey: .credential)
        accountSid = try c.decodeIfPresent(String.self, forKey: .accountSid)
        fromEmail = try c.decodeIfPresent(String.self, forKey: .fromEmail)
        fromName = try c.decodeIfPresent(String.self, forKey: .fromName)
        fromPhone = try c.decodeIfPresent(String.self, forKey: .fromPhone)
        messagingServiceSid = try c.decodeIfPresent(String.self, forKey: .messagingServiceSid)
        messageStream = try c.decodeIfPresent(String.self, forKey: .messageStream)
        ratePerSecond = try c.value(.ratePerSecond, default: ratePerSecond)
        burst = try c.value(.burst, default: burst)
        circuitFailureThreshold = try c.value(.circuitFailureThreshold, default: circuitFailureThreshold)
        circuitOpenSeconds = try c.value(.circuitOpenSeconds, default: circuitOpenSeconds)
        circuitHalfOpenProbes = try c.value(.circuitHalfOpenProbes, default: circuitHalfOpenProbes)
    }
}

// MARK: - Callbacks

/// Provider callbacks about sent messages (README "Delivery feedback"): Twilio's are verified with the Twilio
/// auth token (`providers.twilio.credential`), SendGrid's with its public key, Postmark's with Basic credentials.
package struct CallbackSettings: Sendable, Decodable {
    /// SendGrid's signed Event Webhook verification key (base64 DER, from SendGrid's settings); `nil` leaves the
    /// SendGrid endpoint off. Not secret.
    package var sendgridPublicKey: String?
    /// The user and password configured on Postmark's webhook URL; absent leaves the Postmark endpoint off.
    package var postmarkUsername: SecretReference?
    package var postmarkPassword: SecretReference?
    /// Signed timestamps further than this from now are refused (SendGrid).
    package var toleranceSeconds = 300.0

    package init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case sendgridPublicKey, postmarkUsername, postmarkPassword, toleranceSeconds }
    package init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sendgridPublicKey = try c.decodeIfPresent(String.self, forKey: .sendgridPublicKey)
        postmarkUsername = try c.decodeIfPresent(SecretReference.self, forKey: .postmarkUsername)
        postmarkPassword = try c.decodeIfPresent(SecretReference.self, forKey: .postmarkPassword)
        toleranceSeconds = try c.value(.toleranceSeconds, default: toleranceSeconds)
    }
}
