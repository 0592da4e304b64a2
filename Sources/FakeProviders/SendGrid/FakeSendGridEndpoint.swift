import Foundation
import HTTPTypes
import Hummingbird

/// The logic behind ``FakeSendGrid``'s `POST /v3/mail/send`: record, inject faults, authenticate, validate, accept.
final class FakeSendGridEndpoint: Sendable {
    let apiKey: String
    let recorder = RequestRecorder()
    let faults = FaultInjector()
    private let log = DeliveryLog()

    init(apiKey: String) { self.apiKey = apiKey }

    var delivered: [DeliveredMessage] { log.all }

    func handle(_ request: Request, context: FakeRequestContext) async -> Response {
        let record: RecordedRequest
        do {
            record = try await recorder.record(request)
        } catch {
            return Self.errors(413, [(nil, "Payload Too Large")])
        }
        if let faulted = await faults.intercept(context: context, errorResponse: Self.faultResponse) {
            return faulted
        }
        guard record.header("Authorization") == "Bearer \(apiKey)" else {
            return Self.errors(401, [(nil, "The provided authorization grant is invalid, expired, or revoked")])
        }
        guard (record.header("Content-Type") ?? "").lowercased().hasPrefix("application/json") else {
            return Self.errors(400, [(nil, "Content-Type should be application/json.")])
        }
        guard let body = JSONObjectReading.object(record.body) else {
            return Self.errors(400, [(nil, "Bad Request")])
        }
        switch Self.validate(body) {
        case .failure(let problems):
            return Self.errors(400, problems.entries)
        case .success(let accepted):
            let id = FakeIdentifiers.sendGridMessageId()
            log.append(accepted.delivered(id: id))
            var headers = HTTPFields()
            headers[.xMessageId] = id
            return FakeResponse.empty(202, headers: headers)
        }
    }

    // MARK: - Validation

    struct Problems: Error {
        var entries: [(field: String?, message: String)] = []
        mutating func add(_ field: String?, _ message: String) { entries.append((field, message)) }
    }

    struct Accepted {
        var to: String
        var toName: String?
        var from: String
        var subject: String?
        var text: String?
        var html: String?
        var customArgs: [String: String]

        func delivered(id: String) -> DeliveredMessage {
            DeliveredMessage(to: to, toName: toName, from: from, subject: subject, text: text, html: html,
                             providerMessageId: id, metadata: customArgs)
        }
    }

    /// SendGrid's checks on a Mail Send body, reported all at once like the real API.
    static func validate(_ body: [String: Any]) -> Result<Accepted, Problems> {
        var problems = Problems()
        let hasTemplate = JSONObjectReading.string(body["template_id"]) != nil

        var firstTo: (email: String, name: String?)?
        var everyPersonalizationHasSubject = true
        if let personalizations = body["personalizations"] as? [[String: Any]], !personalizations.isEmpty {
            for (index, personalization) in personalizations.enumerated() {
                if JSONObjectReading.string(personalization["subject"]) == nil { everyPersonalizationHasSubject = false }
                guard let recipients = personalization["to"] as? [[String: Any]], !recipients.isEmpty else {
                    problems.add("personalizations.\(index).to",
                                 "The to array is required for all personalization objects, and must have at least one email object with a valid email address.")
                    continue
                }
                for (recipientIndex, recipient) in recipients.enumerated() {
                    let email = JSONObjectReading.string(recipient["email"]) ?? ""
                    if !EmailAddressRules.isValid(email) {
                        problems.add("personalizations.\(index).to.\(recipientIndex).email", "Does not contain a valid address.")
                    } else if firstTo == nil {
                        firstTo = (email, JSONObjectReading.string(recipient["name"]))
                    }
                }
            }
        } else {
            everyPersonalizationHasSubject = false
            problems.add("personalizations",
                         "The personalizations field is required and must have at least one personalization.")
        }

        let from = (body["from"] as? [String: Any]).flatMap { JSONObjectReading.string($0["email"]) }
        if from == nil {
            problems.add("from.email",
                         "The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.")
        } else if let from, !EmailAddressRules.isValid(from) {
            problems.add("from.email", "Does not contain a valid address.")
        }

        let subject = JSONObjectReading.string(body["subject"])
        if (subject ?? "").isEmpty && !hasTemplate && !everyPersonalizationHasSubject {
            problems.add("subject",
                         "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.")
        }

        var text: String?
        var html: String?
        if let content = body["content"] as? [[String: Any]], !content.isEmpty {
            for (index, item) in content.enumerated() {
                let type = JSONObjectReading.string(item["type"]) ?? ""
                let value = JSONObjectReading.string(item["value"]) ?? ""
                if type.isEmpty {
                    problems.add("content.\(index).type", "The content type must be a string at least one character in length.")
                }
                if value.isEmpty {
                    problems.add("content.\(index).value", "The content value must be a string at least one character in length.")
                }
                switch type {
                case "text/plain":
                    if index != 0 {
                        problems.add("content",
                                     "If present, text/plain must be first, followed by text/html, followed by any other content.")
                    }
                    text = value
                case "text/html":
                    html = value
                default:
                    break
                }
            }
        } else if !hasTemplate {
            problems.add("content", "Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.")
        }

        var customArgs: [String: String] = [:]
        if let rawArgs = body["custom_args"] {
            if let args = rawArgs as? [String: Any] {
                for (key, value) in args {
                    if let string = JSONObjectReading.string(value) {
                        customArgs[key] = string
                    } else {
                        problems.add("custom_args.\(key)", "Invalid type. Expected: string, given: \(typeName(value)).")
                    }
                }
            } else {
                problems.add("custom_args", "Invalid type. Expected: object, given: \(typeName(rawArgs)).")
            }
        }

        guard problems.entries.isEmpty, let firstTo, let from else { return .failure(problems) }
        return .success(Accepted(to: firstTo.email, toName: firstTo.name, from: from, subject: subject,
                                 text: text, html: html, customArgs: customArgs))
    }

    private static func typeName(_ value: Any) -> String {
        switch value {
        case is String: "string"
        case is NSNull: "null"
        case is [Any]: "array"
        case is [String: Any]: "object"
        case let number as NSNumber: String(cString: number.objCType) == "c" ? "boolean" : "number"
        default: "unknown"
        }
    }

    // MARK: - Responses

    /// SendGrid's error shape: `{"errors":[{"field":..,"message":..,"help":null}]}`.
    static func errors(_ status: Int, _ entries: [(field: String?, message: String)], headers: HTTPFields = [:]) -> Response {
        let list: [[String: Any]] = entries.map { entry in
            ["field": entry.field.map { $0 as Any } ?? NSNull(), "message": entry.message, "help": NSNull()]
        }
        return FakeResponse.json(status, ["errors": list], headers: headers)
    }

    /// The error SendGrid would send for an injected status; 429 carries its rate-limit headers.
    static func faultResponse(status: Int, body: String?) -> Response {
        var headers = HTTPFields()
        if status == 429 {
            headers[.xRateLimitLimit] = "600"
            headers[.xRateLimitRemaining] = "0"
            headers[.xRateLimitReset] = String(Int(Date().timeIntervalSince1970) + 60)
        }
        if let body {
            return FakeResponse.raw(status, body: Array(body.utf8), contentType: "application/json", headers: headers)
        }
        let message = status == 429 ? "too many requests" : FakeResponse.reasonPhrase(status)
        return errors(status, [(nil, message)], headers: headers)
    }
}
