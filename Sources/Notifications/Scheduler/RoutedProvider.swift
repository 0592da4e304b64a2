package import InvoiceDomain

/// A provider as the router sees it: the client, whether it carries our idempotency key, and its
/// protective limits (circuit breaker and token bucket).
package struct RoutedProvider: Sendable {
    package var provider: any MessageProvider
    /// Whether the provider stores our idempotency key with the message (SendGrid `custom_args`,
    /// Postmark `Metadata`). Twilio has no such field: for it the lease is re-confirmed right before
    /// the call and the result committed right after, keeping the double-send window minimal.
    package var carriesIdempotencyKey: Bool
    package var circuit: CircuitBreaker.Configuration
    /// Sustained requests per second and largest burst.
    package var ratePerSecond: Double
    package var burst: Double

    package init(
        provider: any MessageProvider,
        carriesIdempotencyKey: Bool,
        circuit: CircuitBreaker.Configuration = .init(),
        ratePerSecond: Double = 10,
        burst: Double = 20
    ) {
        self.provider = provider
        self.carriesIdempotencyKey = carriesIdempotencyKey
        self.circuit = circuit
        self.ratePerSecond = ratePerSecond
        self.burst = burst
    }

    package var name: String { provider.name }
}

/// The providers of one channel: a primary, and a fallback used while the primary's circuit is open.
package struct ChannelRoute: Sendable {
    package var primary: RoutedProvider
    package var fallback: RoutedProvider?

    package init(primary: RoutedProvider, fallback: RoutedProvider? = nil) {
        self.primary = primary
        self.fallback = fallback
    }

    var candidates: [RoutedProvider] { [primary] + (fallback.map { [$0] } ?? []) }
}
