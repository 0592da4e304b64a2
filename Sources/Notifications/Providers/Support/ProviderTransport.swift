import AsyncHTTPClient
import Foundation
import InvoiceDomain
import NIOCore
import NIOHTTP1

/// What every provider client sends with: the shared HTTP client, the whole-attempt deadline, the classifier
/// (provider name, secret redaction) and the clock that dates `Retry-After`, so every provider measures and
/// reports its attempts the same way.
struct ProviderTransport: Sendable {
    let client: HTTPClient
    let timeout: TimeAmount
    let clock: any WallClock
    let classifier: ResponseClassifier

    /// - Parameters:
    ///   - provider: The name reasons start with (`SendGrid`).
    ///   - secrets: Credentials to redact from every reason.
    init(provider: String, secrets: [String], client: HTTPClient, timeout: TimeAmount, clock: any WallClock) {
        self.client = client
        self.timeout = timeout
        self.clock = clock
        self.classifier = ResponseClassifier(provider: provider, redactor: SecretRedactor(secrets: secrets))
    }

    /// Makes one timed attempt: a response goes to the provider's `classify`, a transport failure to the
    /// shared rules.
    func send(_ request: HTTPClientRequest, classify: (ProviderHTTPResponse) -> SendOutcome) async -> ProviderResult {
        await send(request) { (classify($0), nil) }
    }

    /// ``send(_:classify:)`` for a provider whose answer can also say that the recipient must not be messaged again.
    func send(_ request: HTTPClientRequest, classify: (ProviderHTTPResponse) -> (SendOutcome, SuppressionReason?)) async -> ProviderResult {
        let clock = ContinuousClock()
        let start = clock.now
        let result = await ProviderExchange.perform(request, client: client, timeout: timeout)
        let latency = (clock.now - start).seconds
        switch result {
        case .success(let response):
            let (outcome, suppression) = classify(response)
            var result = ProviderResult(outcome: outcome, httpStatus: response.status, latency: latency)
            result.suppression = suppression
            return result
        case .failure(let failure):
            return ProviderResult(outcome: classifier.outcome(for: failure), httpStatus: nil, latency: latency)
        }
    }

    /// A `GET` of one of the provider's read endpoints (an in-doubt lookup), within the same deadline as a send.
    /// - Returns: the decoded body's answer via `interpret` for a 2xx, else ``SentMessageLookup/failed(_:)``.
    func lookUp(_ url: String, headers: [(String, String)], interpret: ([UInt8]) -> SentMessageLookup) async -> SentMessageLookup {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: ProviderUserAgent.value)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        switch await ProviderExchange.perform(request, client: client, timeout: timeout) {
        case .success(let response) where response.isSuccess:
            return interpret(response.body)
        case .success(let response):
            return .failed(classifier.reason(status: response.status, message: ProviderBodyText.snippet(response.body)))
        case .failure(let failure):
            return .failed(String(describing: failure))
        }
    }

    /// The result of a message refused locally, before any request was made.
    func rejected(_ reason: String) -> ProviderResult {
        ProviderResult(outcome: classifier.rejected(reason), httpStatus: nil, latency: 0)
    }
}
