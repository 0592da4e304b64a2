import Foundation
import Hummingbird
import InvoiceStore
import Logging
import WebhookIngest

/// `POST /webhooks/{source}`: verify, store, apply; answer 2xx only after the commit.
struct WebhookRoutes<Context: RequestContext> {
    let ingestor: WebhookIngestor
    let maxBodyBytes: Int
    let observer: IngestObserver

    func register(on router: Router<Context>) {
        router.post("/webhooks/:source") { request, context in
            try await receive(request, context: context)
        }
    }

    struct Receipt: Encodable {
        var received: Bool
        var eventId: String
        var status: String
        var duplicate: Bool
    }

    func receive(_ request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let source = try context.parameters.require("source")
        guard ingestor.hasSource(source) else {
            observer.rejected(source: "unknown", reason: "unknown_source")
            throw APIError.notFound("unknown_source", "no webhook source named '\(source)' is configured")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            observer.rejected(source: source, reason: "body_too_large")
            throw APIError.tooLarge(maxBodyBytes)
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + "," + field.value } ?? field.value
        }
        do {
            let accepted = try await ingestor.ingest(source: source, body: Array(buffer: body), headers: headers)
            let receipt: Receipt
            switch accepted.result {
            case .stored(_, let status, _):
                receipt = Receipt(received: true, eventId: accepted.eventId, status: status.rawValue, duplicate: false)
                observer.accepted(source: source, status: status, latency: started.duration(to: .now))
            case .duplicate(_, let status):
                receipt = Receipt(received: true, eventId: accepted.eventId, status: status.rawValue, duplicate: true)
                observer.duplicate(source: source, latency: started.duration(to: .now))
            }
            return try .json(receipt)
        } catch let rejection as WebhookIngestor.Rejection {
            switch rejection {
            case .unknownSource(let name):
                throw APIError.notFound("unknown_source", "no webhook source named '\(name)' is configured")
            case .signature(let failure):
                observer.rejected(source: source, reason: failure.code)
                context.logger.warning(
                    "webhook signature rejected",
                    metadata: ["source": .string(source), "reason": .string(failure.code)]
                )
                // No usable secret is our misconfiguration, not the sender's fault: 503 so the provider retries later.
                if failure.code == "no_active_secret" {
                    throw APIError(.serviceUnavailable, code: failure.code, message: failure.message)
                }
                throw APIError.badRequest(failure.code, failure.message)
            }
        } catch let error as APIError {
            throw error
        } catch {
            observer.rejected(source: source, reason: "storage_error")
            context.logger.error("webhook could not be stored", metadata: ["source": .string(source), "error": "\(error)"])
            throw APIError.unavailable
        }
    }
}
