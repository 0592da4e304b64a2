import DeliveryFeedback
import Foundation
import HTTPTypes
import Hummingbird
import InvoiceDomain
import Logging

/// Provider callbacks about the messages we sent (README "Delivery feedback"). Not authenticated by token: each is
/// authenticated by its provider's own scheme over the exact raw bytes, inside ``FeedbackProcessor``.
///
/// A refused proof is 401 and changes nothing; an authentic body we cannot use is 400; an authentic callback about
/// an unknown message, or a duplicate, is 200 (the provider must not retry it).
struct CallbackRoutes<Context: RequestContext> {
    let processor: FeedbackProcessor
    /// Twilio signs the URL it requested: our public URL, when configured, else what the request's `Host` says.
    let publicURL: URL?
    let maxBodyBytes: Int

    func register(on router: Router<Context>) {
        router.post(RouterPath(CallbackPath.twilioStatus)) { request, context in
            try await handle(request, context, provider: .twilio) { body in
                try await processor.twilioStatus(url: twilioURL(request), signature: request.headers[.twilioSignature], body: body)
                return Response(status: .ok, headers: [.contentType: TwiML.contentType], body: .init(byteBuffer: ByteBuffer(string: TwiML.empty)))
            }
        }
        router.post(RouterPath(CallbackPath.twilioInbound)) { request, context in
            try await handle(request, context, provider: .twilio) { body in
                let twiml = try await processor.twilioInbound(url: twilioURL(request), signature: request.headers[.twilioSignature], body: body)
                return Response(status: .ok, headers: [.contentType: TwiML.contentType], body: .init(byteBuffer: ByteBuffer(string: twiml)))
            }
        }
        router.post(RouterPath(CallbackPath.sendgridEvents)) { request, context in
            try await handle(request, context, provider: .sendgrid) { body in
                let known = try await processor.sendgridEvents(
                    signature: request.headers[.sendgridSignature], timestamp: request.headers[.sendgridTimestamp], body: body
                )
                return try Response.json(["received": known])
            }
        }
        router.post(RouterPath(CallbackPath.postmark)) { request, context in
            try await handle(request, context, provider: .postmark) { body in
                try await processor.postmark(authorization: request.headers[.authorization], body: body)
                return try Response.json(["received": true])
            }
        }
    }

    /// Reads the raw body, runs `process`, and maps ``FeedbackError``s to 4xx answers.
    private func handle(
        _ request: Request, _ context: Context, provider: MessagingProvider, _ process: ([UInt8]) async throws -> Response
    ) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            throw APIError.tooLarge(maxBodyBytes)
        }
        do {
            return try await process(Array(buffer: body))
        } catch let error as FeedbackError {
            switch error {
            case .unauthenticated(let reason):
                context.logger.warning("provider callback refused", metadata: ["provider": .string(provider.rawValue), "reason": .string(reason)])
                throw APIError(.unauthorized, code: "invalid_signature", message: reason)
            case .invalidBody(let reason):
                throw APIError.badRequest("invalid_payload", reason)
            case .notConfigured(let reason):
                throw APIError.notFound("not_configured", reason)
            case .configuration(let reason):
                throw APIError(.serviceUnavailable, code: "not_configured", message: reason)
            }
        } catch let error as APIError {
            throw error
        } catch {
            context.logger.error("provider callback could not be recorded", metadata: ["provider": .string(provider.rawValue), "error": "\(error)"])
            throw APIError(.serviceUnavailable, code: "storage_unavailable", message: "the callback could not be recorded; retry later")
        }
    }

    /// The URL Twilio requested, as it signed it.
    private func twilioURL(_ request: Request) -> String {
        let pathAndQuery = request.uri.description
        if let publicURL {
            var base = publicURL.absoluteString
            while base.hasSuffix("/") { base.removeLast() }
            return base + pathAndQuery
        }
        return "http://\(request.head.authority ?? "localhost")\(pathAndQuery)"
    }
}

/// Where each provider's callbacks are received (configure these at the provider, after `server.publicURL`).
package enum CallbackPath {
    package static let twilioStatus = "/callbacks/twilio/status"
    package static let twilioInbound = "/callbacks/twilio/inbound"
    package static let sendgridEvents = "/callbacks/sendgrid/events"
    package static let postmark = "/callbacks/postmark"
}

extension HTTPField.Name {
    static let twilioSignature = Self("X-Twilio-Signature")!
    static let sendgridSignature = Self(SendGridEventVerifier.signatureHeader)!
    static let sendgridTimestamp = Self(SendGridEventVerifier.timestampHeader)!
}
