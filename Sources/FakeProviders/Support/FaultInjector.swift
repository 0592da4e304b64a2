package import Hummingbird
import Synchronization

/// Holds a fake's current ``FaultPlan`` and applies it to incoming requests.
///
/// Thread-safe: handlers on many connections consult it while a test replaces the plan.
package final class FaultInjector: Sendable {
    private struct State {
        var plan: FaultPlan
        var applied: Int
    }

    private let state: Mutex<State>

    /// How long a `hang` holds a request: far beyond any sane client timeout, and cut short when the fake stops.
    package static let hangDuration: Duration = .seconds(3600)

    package init(_ plan: FaultPlan = .none) {
        state = Mutex(State(plan: plan, applied: 0))
    }

    /// Replaces the plan; a counted plan starts counting from the next request.
    package func set(_ plan: FaultPlan) {
        state.withLock { $0 = State(plan: plan, applied: 0) }
    }

    /// The plan in force.
    package var plan: FaultPlan { state.withLock { $0.plan } }

    /// The fault for the next request, if any, counting it against a counted plan.
    package func next() -> FaultPlan.Fault? {
        state.withLock { state in
            guard let fault = state.plan.fault else { return nil }
            if let count = state.plan.count {
                guard state.applied < count else { return nil }
                state.applied += 1
            }
            return fault
        }
    }

    /// Applies the next fault to a request.
    ///
    /// - Parameters:
    ///   - context: The request's context (used to drop the connection).
    ///   - errorResponse: Builds the provider's error response for a status, with `body` overriding its usual body.
    ///     For a rate-limit fault it is called with 429 and the `Retry-After` header is added afterwards.
    /// - Returns: The response to send instead of handling the request, or `nil` to handle it normally
    ///   (after any injected latency).
    package func intercept(
        context: FakeRequestContext,
        errorResponse: (_ status: Int, _ body: String?) -> Response
    ) async -> Response? {
        switch next() {
        case nil:
            return nil
        case .latency(let delay):
            try? await Task.sleep(for: delay)
            return nil
        case .status(let status, let body):
            return errorResponse(status, body)
        case .rateLimited(let retryAfter):
            var response = errorResponse(429, nil)
            response.headers[.retryAfter] = retryAfter
            return response
        case .hang:
            try? await Task.sleep(for: Self.hangDuration)
            await context.dropConnection()
            return Response(status: .serviceUnavailable)
        case .dropConnection:
            await context.dropConnection()
            return Response(status: .serviceUnavailable)
        }
    }
}
