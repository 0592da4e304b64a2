import AsyncHTTPClient
import Foundation
import InvoiceDomain
import NIOCore

/// Runs one provider attempt: times it, performs the exchange, and hands the response to the provider's
/// classifier, so every provider measures and reports failures the same way.
enum ProviderAttempt {
    static func run(
        _ request: HTTPClientRequest,
        client: HTTPClient,
        timeout: TimeAmount,
        classifier: ResponseClassifier,
        classify: (ProviderHTTPResponse) -> SendOutcome
    ) async -> ProviderResult {
        let clock = ContinuousClock()
        let start = clock.now
        let result = await ProviderExchange.perform(request, client: client, timeout: timeout)
        let latency = (clock.now - start).seconds
        switch result {
        case .success(let response):
            return ProviderResult(outcome: classify(response), httpStatus: response.status, latency: latency)
        case .failure(let failure):
            return ProviderResult(outcome: classifier.outcome(for: failure), httpStatus: nil, latency: latency)
        }
    }

    /// The result of a message refused locally, before any request was made.
    static func rejected(_ reason: String, classifier: ResponseClassifier) -> ProviderResult {
        ProviderResult(outcome: classifier.rejected(reason), httpStatus: nil, latency: 0)
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
