import Foundation
import HTTPTypes
import Hummingbird
import InvoiceDomain
import StoreSeams
import Logging
import WebhookIngest

private let webhookReceiptHeaders: HTTPFields = [.contentType: "application/json"]

/// `POST /webhooks/{source}`: verify, store, apply; answer 2xx only after the commit.
struct WebhookRoutes<Context: RequestContext> {
    let ingestor: WebhookIngestor
    let maxBodyBytes: Int
    let observer: IngestObserver
    /// Per source, the headers the ingestor reads, as field names (built once, not per request).
    private let headerFields: [String: [(key: String, field: HTTPField.Name)]]

    init(ingestor: WebhookIngestor, sources: [String], maxBodyBytes: Int, observer: IngestObserver) {
        self.ingestor = ingestor
        self.maxBodyBytes = maxBodyBytes
        self.observer = observer
        var fields: [String: [(key: String, field: HTTPField.Name)]] = [:]
        for source in sources {
            fields[source] = ingestor.headerNames(source: source).compactMap { name in HTTPField.Name(name).map { (name, $0) } }
        }
        headerFields = fields
    }

    func register(on router: Router<Context>) {
        // One constant route per configured source (resolved without capturing a parameter); any other name is a 404.
        for (source, fields) in headerFields {
            router.post("/webhooks/\(source)") { request, context in
                try await receive(request, source: source, fields: fields, context: context)
            }
        }
        router.post("/webhooks/:source") { _, context -> Response in
            let source = try context.parameters.require("source")
            observer.rejected(source: "unknown", reason: "unknown_source")
            throw APIError.notFound("unknown_source", "no webhook source named '\(source)' is configured")
        }
    }

    /// `{"duplicate":…,"event_id":…,"received":true,"status":…}`, written directly: this answers every webhook.
    static func receipt(eventId: String, status: EventStatus, duplicate: Bool) -> Response {
        var json = duplicate ? "{\"duplicate\":true,\"event_id\":" : "{\"duplicate\":false,\"event_id\":"
        json.reserveCapacity(json.utf8.count + eventId.utf8.count + 48)
        JSONString.append(eventId, to: &json)
        json += ",\"received\":true,\"status\":\""
        json += status.rawValue
        json += "\"}"
        return Response(status: .ok, headers: webhookReceiptHeaders, body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    /// - Parameter fields: the headers `source` reads, as field names.
    func receive(
        _ request: Request, source: String, fields: [(key: String, field: HTTPField.Name)], context: Context
    ) async throws -> Response {
        let started = ContinuousClock.now
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            observer.rejected(source: source, reason: "body_too_large")
            throw APIError.tooLarge(maxBodyBytes)
        }
        var headers: [String: String] = [:]
        for (key, field) in fields {
            let values = request.headers[values: field]
            if !values.isEmpty { headers[key] = values.count == 1 ? values[0] : values.joined(separator: ",") }
        }
        do {
            let accepted = try await ingestor.ingest(source: source, body: Array(buffer: body), headers: headers)
            switch accepted.result {
            case .stored(_, let status, _):
                observer.accepted(source: source, status: status, latency: started.duration(to: .now))
                return Self.receipt(eventId: accepted.eventId, status: status, duplicate: false)
            case .duplicate(_, let status):
                observer.duplicate(source: source, latency: started.duration(to: .now))
                return Self.receipt(eventId: accepted.eventId, status: status, duplicate: true)
            }
        } catch let rejection as WebhookIngestor.Rejection {
            switch rejection {
            case .unknownSource(let name):
                observer.rejected(source: "unknown", reason: "unknown_source")
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
            case .invalidPayload(let reason):
                observer.rejected(source: source, reason: "invalid_payload")
                var metadata: Logger.Metadata = ["source": .string(source), "reason": .string(reason)]
                if let requestId = headers["x-request-id"] { metadata["request_id"] = .string(requestId) }
                context.logger.warning("webhook payload rejected: verified but not a JSON object", metadata: metadata)
                throw APIError.badRequest("invalid_payload", "the body is correctly signed but is not a well-formed JSON object (\(reason))")
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
