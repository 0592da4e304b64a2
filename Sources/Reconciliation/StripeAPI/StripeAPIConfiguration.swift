package import AsyncHTTPClient
package import NIOCore

/// How InvoiceRelay talks to Stripe's REST API: where, as whom, at which pinned API version, and how patiently.
///
/// The secret key never appears in `description`, `debugDescription` or a mirror of this value.
package struct StripeAPIConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Stripe's production API origin.
    package static let defaultBaseURL = "https://api.stripe.com"
    /// The API version InvoiceRelay is written against, sent as `Stripe-Version` on every request.
    ///
    /// Note that Stripe renders each *event* at the account's API version of the time the event was created,
    /// whatever this header says; ``StripeRawEvent/apiVersion`` tells which one a payload uses.
    package static let defaultStripeVersion = "2025-03-31.basil"
    /// Largest response body accepted (a page of 100 expanded events is well under this).
    package static let defaultMaxResponseBytes = 16 * 1024 * 1024

    /// Origin without a trailing slash, e.g. `https://api.stripe.com` or a fake's `http://127.0.0.1:PORT`.
    package var baseURL: String
    /// `sk_...` or `rk_...` key, sent as `Authorization: Bearer`.
    package var secretKey: String
    /// Pinned API version sent as the `Stripe-Version` header.
    package var stripeVersion: String
    /// Whole-request budget: connecting, waiting for headers and reading the body.
    package var timeout: TimeAmount
    /// Bodies larger than this fail with a transport error instead of being buffered.
    package var maxResponseBytes: Int

    package init(
        baseURL: String = StripeAPIConfiguration.defaultBaseURL,
        secretKey: String,
        stripeVersion: String = StripeAPIConfiguration.defaultStripeVersion,
        timeout: TimeAmount = .seconds(30),
        maxResponseBytes: Int = StripeAPIConfiguration.defaultMaxResponseBytes
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.secretKey = secretKey
        self.stripeVersion = stripeVersion
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// An `HTTPClient` configuration suited to Stripe: no redirects followed, explicit connect and read timeouts.
    ///
    /// `HTTPClient.shared` follows redirects and waits 90 s; build the client for ``StripeAPIClient`` from this instead.
    package static func httpClientConfiguration(
        connectTimeout: TimeAmount = .seconds(10),
        readTimeout: TimeAmount = .seconds(30)
    ) -> HTTPClient.Configuration {
        HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: connectTimeout, read: readTimeout),
            connectionPool: .init()
        )
    }

    package var description: String {
        "StripeAPIConfiguration(baseURL: \(baseURL), secretKey: \(Self.redactedKey(secretKey)), stripeVersion: \(stripeVersion), timeout: \(timeout))"
    }

    package var debugDescription: String { description }

    package var customMirror: Mirror {
        Mirror(self, children: [
            "baseURL": baseURL,
            "secretKey": Self.redactedKey(secretKey),
            "stripeVersion": stripeVersion,
            "timeout": timeout,
            "maxResponseBytes": maxResponseBytes,
        ])
    }

    /// `sk_test_…` style prefix only; never any of the key's secret part.
    static func redactedKey(_ key: String) -> String {
        let parts = key.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return "<redacted>" }
        return "\(parts[0])_\(parts[1])_<redacted>"
    }
}
