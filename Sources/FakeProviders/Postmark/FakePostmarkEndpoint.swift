import Foundation
import HTTPTypes
import Hummingbird

/// The logic behind ``FakePostmark``'s `POST /email`: record, inject faults, authenticate, validate, accept.
final class FakePostmarkEndpoint: Sendable {
    let serverToken: String
    let messageStreams: Set<String>
    let recorder = RequestRecorder()
    let faults = FaultInjector()
    private let log = DeliveryLog()

    init(serverToken: String, messageStreams: Set<String>) {
        self.serverToken = serverToken
        self.messageStreams = messageStreams
    }

    var delivered: [DeliveredMessage] { log.all }

    func handle(_ request: Request, context: FakeRequestContext) async -> Response {
        let record: RecordedRequest
        do {
            record = try await recorder.record(request)
        } catch {
            return Self.error(413, code: 300, "Request body is too large.")
        }
        if let faulted = await faults.intercept(context: context, errorResponse: Self.faultResponse) {
            return faulted
        }
        guard let token = record.header("X-Postmark-Server-Token"), !token.isEmpty else {
            return Self.error(401, code: 10, "No Account or Server API tokens were supplied in the HTTP headers. Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token.")
        }
        guard token == serverToken else {
            return Self.error(401, code: 10, "The Server Token you provided in the X-Postmark-Server-Token request header was invalid. Please verify that you are using a valid token.")
        }
        guard (record.header("Content-Type") ?? "").lowercased().hasPrefix("application/json") else {
            return Self.error(415, code: 409, "JSON required. Please ensure you send the header Content-Type: application/json.")
        }
        guard let body = JSONObjectReading.object(record.body) else {
            return Self.error(422, code: 402, "Received invalid JSON input.")
        }
        switch validate(body) {
        case .failure(let problem):
            return Self.error(422, code: problem.code, problem.message)
        case .success(let accepted):
            let id = FakeIdentifiers.postmarkMessageId()
            log.append(accepted.delivered(id: id))
            return FakeResponse.json(200, [
                "To": accepted.rawTo,
                "SubmittedAt": Self.submittedAt(Date()),
                "MessageID": id,
                "ErrorCode": 0,
                "Message": "OK",
            ])
        }
    }

    // MARK: - Validation

    struct Problem: Error {
        var code: Int
        var message: String
    }

    struct Accepted {
        var rawTo: String
        var to: String
        var toName: String?
        var from: String
        var subject: String?
        var text: String?
        var html: String?
        var metadata: [String: String]

        func delivered(id: String) -> DeliveredMessage {
            DeliveredMessage(to: to, toName: toName, from: from, subject: subject, text: text, html: html,
                             providerMessageId: id, metadata: metadata)
        }
    }

    /// Postmark's outbound message search (`GET /messages/outbound?count=&offset=&metadata_<key>=<value>`), as far
    /// as InvoiceRelay uses it: the accepted messages whose metadata has every `metadata_`-prefixed filter, newest
    /// first, `{"TotalCount", "Messages": [{"MessageID", "To", "Subject", "Metadata", …}]}`.
    func search(_ request: Request) -> Response {
        guard request.headers[HTTPField.Name("X-Postmark-Server-Token")!] == serverToken else {
            return Self.error(401, code: 10, "The Server Token you provided in the X-Postmark-Server-Token request header was invalid. Please verify that you are using a valid token.")
        }
        let query = request.uri.queryParameters
        guard let count = query["count"].flatMap({ Int(String($0)) }), (1...500).contains(count),
              let offset = query["offset"].flatMap({ Int(String($0)) }), offset >= 0
        else {
            return Self.error(422, code: 1100, "The 'count' and 'offset' parameters are required.")
        }
        var filters: [String: String] = [:]
        for (name, value) in query where name.hasPrefix("metadata_") {
            filters[String(name.dropFirst("metadata_".count))] = String(value)
        }
        let matches = delivered.reversed().filter { message in filters.allSatisfy { message.metadata[$0.key] == $0.value } }
        let page = matches.dropFirst(offset).prefix(count).map { message -> [String: Any] in
            ["MessageID": message.providerMessageId, "To": [["Email": message.to]], "Subject": message.subject ?? "", "Metadata": message.metadata, "Status": "Sent"]
        }
        return FakeResponse.json(200, ["TotalCount": matches.count, "Messages": page])
    }

    /// Postmark's checks on a single-email body; the first problem found is reported, like the real API.
    func validate(_ body: [String: Any]) -> Result<Accepted, Problem> {
        let rawFrom = JSONObjectReading.string(body["From"]) ?? ""
        let from = EmailAddressRules.parseMailbox(rawFrom)
        guard EmailAddressRules.isValid(from.email) else {
            return .failure(Problem(code: 300, message: "Invalid 'From' address: '\(rawFrom)'."))
        }
        let rawTo = JSONObjectReading.string(body["To"]) ?? ""
        guard !rawTo.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .failure(Problem(code: 300, message: "Zero recipients specified"))
        }
        let to = EmailAddressRules.parseMailbox(rawTo)
        guard EmailAddressRules.isValid(to.email) else {
            return .failure(Problem(code: 300, message: "Error parsing 'To': Illegal email address '\(to.email)'. It must contain the '@' symbol."))
        }
        let text = JSONObjectReading.string(body["TextBody"])
        let html = JSONObjectReading.string(body["HtmlBody"])
        guard !(text ?? "").isEmpty || !(html ?? "").isEmpty else {
            return .failure(Problem(code: 300, message: "Provide either email TextBody or HtmlBody or both."))
        }
        if let stream = body["MessageStream"], !(stream is NSNull) {
            guard let name = JSONObjectReading.string(stream), messageStreams.contains(name) else {
                return .failure(Problem(code: 1235, message: "The message stream for the provided 'ID' was not found."))
            }
        }
        var metadata: [String: String] = [:]
        if let raw = body["Metadata"], !(raw is NSNull) {
            guard let fields = raw as? [String: Any] else {
                return .failure(Problem(code: 300, message: "Invalid 'Metadata': it must be an object of key/value pairs."))
            }
            for (key, value) in fields {
                if let string = JSONObjectReading.string(value) {
                    metadata[key] = string
                } else if let number = value as? NSNumber {
                    metadata[key] = number.stringValue
                } else {
                    return .failure(Problem(code: 300, message: "Invalid 'Metadata' value for '\(key)'."))
                }
            }
        }
        return .success(Accepted(rawTo: rawTo, to: to.email, toName: to.name, from: from.email,
                                 subject: JSONObjectReading.string(body["Subject"]), text: text, html: html,
                                 metadata: metadata))
    }

    // MARK: - Responses

    /// Postmark's error shape: `{"ErrorCode":n,"Message":".."}`.
    static func error(_ status: Int, code: Int, _ message: String) -> Response {
        FakeResponse.json(status, ["ErrorCode": code, "Message": message])
    }

    /// The error Postmark would send for an injected status.
    static func faultResponse(status: Int, body: String?) -> Response {
        if let body {
            return FakeResponse.raw(status, body: Array(body.utf8), contentType: "application/json")
        }
        switch status {
        case 401: return error(401, code: 10, "Bad or missing API token")
        case 422: return error(422, code: 300, "Invalid email request")
        case 429: return error(429, code: 429, "Rate limit exceeded")
        default: return error(status, code: status, FakeResponse.reasonPhrase(status))
        }
    }

    /// `SubmittedAt` the way Postmark writes it: ISO 8601 with a UTC offset.
    static func submittedAt(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: date).replacingOccurrences(of: "Z", with: "+00:00")
    }
}
