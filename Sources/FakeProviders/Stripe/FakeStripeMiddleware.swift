import Foundation
import HTTPTypes
import Hummingbird

/// Runs before every route of the fake Stripe (and for unknown URLs): records the request, applies the fault
/// plan, authenticates like Stripe, checks `Stripe-Version`, and stamps Stripe's response headers.
struct FakeStripeMiddleware: RouterMiddleware {
    typealias Context = FakeRequestContext

    let store: FakeStripeStore

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let requestId = store.nextRequestId()
        let version = request.headers[.stripeVersion]
        var response = await respond(request, context: context, version: version, next: next)
        response.headers[.requestId] = requestId
        response.headers[.stripeVersion] = version ?? store.apiVersion
        return response
    }

    private func respond(
        _ request: Request, context: Context, version: String?, next: (Request, Context) async throws -> Response
    ) async -> Response {
        do {
            try await store.recorder.record(request)
        } catch {
            return FakeStripeErrorResponse.make(status: 413, type: "invalid_request_error", message: "Request body too large.")
        }
        if let faulted = await store.faults.intercept(context: context, errorResponse: FakeStripeErrorResponse.fault) {
            return faulted
        }
        if let rejection = authenticate(request.headers[.authorization]) {
            return rejection
        }
        if let version, !Self.isValidVersion(version) {
            return FakeStripeErrorResponse.invalidRequest("Invalid Stripe API version: \(version)")
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            return FakeStripeErrorResponse.make(
                status: 404, type: "invalid_request_error",
                message: "Unrecognized request URL (\(request.method.rawValue): \(request.uri.path)). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."
            )
        } catch {
            return FakeStripeErrorResponse.fault(status: 500, body: nil)
        }
    }

    // MARK: - Authentication

    /// `nil` when the request carries the current secret key (Bearer, or Basic with the key as user name).
    private func authenticate(_ authorization: String?) -> Response? {
        guard let presented = Self.presentedKey(authorization), !presented.isEmpty else {
            return unauthorized(
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/."
            )
        }
        guard presented == store.secretKey else {
            return unauthorized("Invalid API Key provided: \(Self.masked(presented))")
        }
        return nil
    }

    private func unauthorized(_ message: String) -> Response {
        FakeStripeErrorResponse.make(
            status: 401, type: "invalid_request_error", message: message,
            headers: [.wwwAuthenticate: #"Basic realm="Stripe""#]
        )
    }

    static func presentedKey(_ authorization: String?) -> String? {
        guard let authorization else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { return nil }
        switch parts[0].lowercased() {
        case "bearer":
            return parts[1]
        case "basic":
            guard let data = Data(base64Encoded: parts[1]) else { return nil }
            let credentials = String(decoding: data, as: UTF8.self)
            return credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        default:
            return nil
        }
    }

    /// `sk_test_****abcd`: Stripe shows the key's kind and its last four characters, never the rest.
    static func masked(_ key: String) -> String {
        let segments = key.split(separator: "_", omittingEmptySubsequences: false)
        let prefix = segments.count >= 3 ? "\(segments[0])_\(segments[1])_" : ""
        let tail = key.count > prefix.count + 8 ? String(key.suffix(4)) : ""
        return prefix + "****" + tail
    }

    /// `YYYY-MM-DD` optionally followed by `.name` (e.g. `2025-03-31.basil`).
    static func isValidVersion(_ version: String) -> Bool {
        let parts = version.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let date = Array(parts[0].utf8)
        guard date.count == 10, date[4] == UInt8(ascii: "-"), date[7] == UInt8(ascii: "-") else { return false }
        let digitsOK = date.enumerated().allSatisfy { offset, byte in
            offset == 4 || offset == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard digitsOK else { return false }
        guard parts.count == 2 else { return true }
        return !parts[1].isEmpty && parts[1].allSatisfy { $0.isLetter && $0.isLowercase }
    }
}

extension HTTPField.Name {
    fileprivate static let stripeVersion = Self("Stripe-Version")!
    fileprivate static let requestId = Self("Request-Id")!
}
