/// What a fake provider does wrong, and for how many requests. Set or replace it at runtime on a fake.
///
/// A plan applies one ``Fault`` either to every request (`count == nil`) or to the next `count` requests after it
/// was set, after which the fake answers normally again (``failThenSucceed(count:status:)``).
package struct FaultPlan: Sendable, Equatable {
    /// One misbehaviour.
    package enum Fault: Sendable, Equatable {
        /// Answer with this status; `body` replaces the provider's usual error body for that status when given.
        case status(Int, body: String?)
        /// Answer 429 with this `Retry-After` value (delta-seconds or an HTTP date), verbatim.
        case rateLimited(retryAfter: String)
        /// Wait this long, then answer normally.
        case latency(Duration)
        /// Never answer (the connection is held until the client gives up or the fake stops).
        case hang
        /// Close the TCP connection without writing any response.
        case dropConnection
    }

    /// The fault, or `nil` for a well-behaved provider.
    package var fault: Fault?
    /// How many requests the fault applies to before the fake behaves again; `nil` means every request.
    package var count: Int?

    /// A plan applying `fault` to the next `count` requests (or all of them when `count` is `nil`).
    package init(fault: Fault?, count: Int? = nil) {
        self.fault = fault
        self.count = count
    }

    /// No fault: the fake behaves like the real provider.
    package static let none = FaultPlan(fault: nil)

    /// Every request is answered with `status` (and `body`, or the provider's usual error body).
    package static func status(_ status: Int, body: String? = nil) -> FaultPlan {
        FaultPlan(fault: .status(status, body: body))
    }

    /// The next `count` requests are answered with `status`, then the fake succeeds again.
    package static func failThenSucceed(count: Int, status: Int) -> FaultPlan {
        FaultPlan(fault: .status(status, body: nil), count: count)
    }

    /// The next `count` requests are answered 429 with `Retry-After: retryAfter`, then the fake succeeds again.
    package static func rateLimited(count: Int, retryAfter: String) -> FaultPlan {
        FaultPlan(fault: .rateLimited(retryAfter: retryAfter), count: count)
    }

    /// Every request is answered normally after `delay`.
    package static func latency(_ delay: Duration) -> FaultPlan {
        FaultPlan(fault: .latency(delay))
    }

    /// No request is ever answered.
    package static let hang = FaultPlan(fault: .hang)

    /// Every connection is closed without a response.
    package static let dropConnection = FaultPlan(fault: .dropConnection)
}
