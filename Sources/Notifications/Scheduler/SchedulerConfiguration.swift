package import Foundation
package import InvoiceDomain

/// Everything the reminder scheduler decides with: the step policy, batch and lease sizes, retry
/// policy, quiet hours and the defaults used when a customer's locale or time zone is unknown.
package struct SchedulerConfiguration: Sendable {
    /// Which step is due for an invoice; its business time zone is the fallback customer zone.
    package var policy: ReminderPolicy
    /// Other policies by name, chosen per invoice by its metadata `reminder_policy`; an unknown name gets ``policy``.
    package var namedPolicies: [String: ReminderPolicy] = [:]
    /// Deliveries claimed per tick.
    package var batchSize: Int
    /// Most provider calls in flight at once per scheduler.
    package var concurrency: Int
    /// How long a claim holds a delivery; an unfinished delivery is claimable again after it (crash recovery).
    package var lease: TimeInterval
    /// Invoices read per page while planning.
    package var planPageSize: Int
    /// Delay and attempt limit between failed attempts (full jitter).
    package var backoff: BackoffPolicy
    /// SMS is never sent inside this window, in the customer's time zone.
    package var quietHours: QuietHours
    /// E-mail is sent only inside this daily window, in the customer's time zone; `nil` sends at any hour.
    package var emailSendWindow: SendWindow?
    /// Zone of customers whose own zone is unknown; `nil` means the policy's business zone.
    package var defaultCustomerTimeZone: TimeZone?
    /// Template locale used when the customer's locale (and its language) has no template.
    package var defaultLocale: String
    /// Sender details rendered into every reminder.
    package var business: BusinessInfo
    /// A rate-limit wait up to this long is slept inline; a longer one defers the delivery instead.
    package var maxInlineRateLimitWait: TimeInterval
    /// Lease time that must remain before a provider call (the call's timeout plus margin), so a lease
    /// never expires while a message is in flight and another worker cannot send it a second time.
    package var sendBudget: TimeInterval
    /// How far a delivery is pushed back when the store fails while it is processed.
    package var storeErrorDelay: TimeInterval
    /// Fixed seed for the backoff jitter (tests); `nil` uses the system generator.
    package var jitterSeed: UInt64?
    /// Minimum time between two planning passes (each scans every remindable invoice); ticks in between
    /// only claim and send. 0 plans on every tick. Steps fall due at day boundaries, so minutes are fine.
    package var planInterval: TimeInterval

    package init(
        policy: ReminderPolicy,
        batchSize: Int = 100,
        concurrency: Int = 8,
        lease: TimeInterval = 120,
        planPageSize: Int = 500,
        backoff: BackoffPolicy = .standard,
        quietHours: QuietHours = QuietHours(start: (21, 0), end: (8, 0)),
        defaultCustomerTimeZone: TimeZone? = nil,
        defaultLocale: String = "en",
        business: BusinessInfo,
        maxInlineRateLimitWait: TimeInterval = 0.25,
        sendBudget: TimeInterval = 30,
        storeErrorDelay: TimeInterval = 30,
        jitterSeed: UInt64? = nil,
        planInterval: TimeInterval = 0,
        emailSendWindow: SendWindow? = nil
    ) {
        self.emailSendWindow = emailSendWindow
        self.policy = policy
        self.batchSize = max(batchSize, 1)
        self.concurrency = max(concurrency, 1)
        self.lease = lease
        self.planPageSize = max(planPageSize, 1)
        self.backoff = backoff
        self.quietHours = quietHours
        self.defaultCustomerTimeZone = defaultCustomerTimeZone
        self.defaultLocale = defaultLocale
        self.business = business
        self.maxInlineRateLimitWait = maxInlineRateLimitWait
        self.sendBudget = sendBudget
        self.storeErrorDelay = storeErrorDelay
        self.jitterSeed = jitterSeed
        self.planInterval = max(planInterval, 0)
    }

    /// The zone quiet hours and the due date are evaluated in for `invoice`'s customer: their own
    /// zone when known and valid, else ``defaultCustomerTimeZone``, else the business zone.
    package func customerTimeZone(for invoice: Invoice) -> TimeZone {
        if let identifier = invoice.snapshot.customerTimeZone, let zone = TimeZone(identifier: identifier) {
            return zone
        }
        return defaultCustomerTimeZone ?? policy.businessTimeZone
    }

    /// The earliest instant at or after `date` at which `channel` may carry a message to `invoice`'s customer:
    /// outside SMS quiet hours, inside the e-mail send window.
    package func nextAllowed(_ channel: Channel, after date: Date, for invoice: Invoice) -> Date {
        switch channel {
        case .sms: quietHours.nextAllowed(after: date, in: customerTimeZone(for: invoice))
        case .email: emailSendWindow?.nextAllowed(after: date, in: customerTimeZone(for: invoice)) ?? date
        }
    }

    /// The customer's locale for formatting (`de-DE`), else the default template locale.
    package func customerLocale(for invoice: Invoice) -> String {
        let locale = invoice.snapshot.customerLocale?.trimmingCharacters(in: .whitespaces) ?? ""
        return locale.isEmpty ? defaultLocale : locale
    }
}
