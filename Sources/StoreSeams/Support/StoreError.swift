/// Errors the stores raise for caller mistakes (as opposed to database failures).
package enum StoreError: Error, Sendable, Equatable {
    case notFound(String)
    case conflict(String)
    case invalid(String)
}
