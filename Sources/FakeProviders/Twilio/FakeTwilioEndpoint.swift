import Foundation
import HTTPTypes
import Hummingbird

/// The logic behind ``FakeTwilio``'s Messages create: record, inject faults, authenticate, validate, accept.
final class FakeTwilioEndpoint: Sendable {
    let accountSid: String
    let authToken: String
    let recorder = RequestRecorder()
    let faults = FaultInjector()
    let callbacks: TwilioCallbackPoster
    private let log = DeliveryLog()

    /// Twilio's limit on a message body, in characters.
    static let maxBodyLength = 1600

    init(accountSid: String, authToken: String) {
        self.accountSid = accountSid
        self.authToken = authToken
        self.callbacks = TwilioCallbackPoster(accountSid: accountSid, authToken: authToken)
    }

    var delivered: [DeliveredMessage] { log.all }

    func handle(_ request: Request, context: FakeRequestContext) async -> Response {
        let record: RecordedRequest
        do {
            record = try await recorder.record(request)
        } catch {
            return Self.error(413, code: 20413, "Request entity too large")
        }
        if let faulted = await faults.intercept(context: context, errorResponse: Self.faultResponse) {
            return faulted
        }
        guard let user = Self.basicAuthUser(record.header("Authorization"), password: authToken), user == accountSid else {
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Basic realm=\"Twilio API\""
            return Self.error(401, code: 20003, "Authenticate", headers: headers)
        }
        let pathSid = context.parameters.get("accountSid") ?? ""
        guard pathSid == accountSid else {
            return Self.error(404, code: 20404,
                              "The requested resource /2010-04-01/Accounts/\(pathSid)/Messages.json was not found")
        }
        let isForm = (record.header("Content-Type") ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded")
        let fields = isForm ? FormURLEncoded.decodeFields(record.body) : [:]
        switch Self.validate(fields) {
        case .failure(let problem):
            return Self.error(400, code: problem.code, problem.message)
        case .success(let accepted):
            let sid = FakeIdentifiers.twilioMessageSid()
            log.append(DeliveredMessage(to: accepted.to, from: accepted.sender, text: accepted.body, providerMessageId: sid))
            if let callback = fields["StatusCallback"], !callback.isEmpty {
                callbacks.messageAccepted(sid: sid, to: accepted.to, from: accepted.from, callback: callback)
            }
            return FakeResponse.json(201, resource(sid: sid, accepted: accepted, now: Date()))
        }
    }

    /// Twilio's message list (`GET …/Messages.json?To=&PageSize=`), newest first, as far as InvoiceRelay uses it.
    func list(_ request: Request, context: FakeRequestContext) -> Response {
        guard let user = Self.basicAuthUser(request.headers[.authorization], password: authToken), user == accountSid,
              context.parameters.get("accountSid") == accountSid
        else {
            return Self.error(401, code: 20003, "Authenticate")
        }
        let query = request.uri.queryParameters
        let to = query["To"].map(String.init)
        let pageSize = query["PageSize"].flatMap { Int(String($0)) } ?? 50
        let messages = delivered.reversed().filter { to == nil || $0.to == to }.prefix(max(1, min(pageSize, 1000))).map { message -> [String: Any] in
            ["sid": message.providerMessageId, "to": message.to, "from": message.from, "body": message.text ?? "", "status": "delivered", "account_sid": accountSid]
        }
        return FakeResponse.json(200, ["messages": Array(messages), "page": 0, "page_size": pageSize, "next_page_uri": NSNull()])
    }

    // MARK: - Validation

    struct Problem: Error {
        var code: Int
        var message: String
    }

    struct Accepted {
        var to: String
        var from: String?
        var messagingServiceSid: String?
        var body: String
        var sender: String { messagingServiceSid ?? from ?? "" }
    }

    /// Twilio's checks on a Messages create, in the order it applies them.
    static func validate(_ fields: [String: String]) -> Result<Accepted, Problem> {
        guard let to = fields["To"], !to.isEmpty else {
            return .failure(Problem(code: 21604, message: "A 'To' phone number is required."))
        }
        guard isE164(to) else {
            return .failure(Problem(code: 21211, message: "The 'To' number \(to) is not a valid phone number."))
        }
        let from = fields["From"].flatMap { $0.isEmpty ? nil : $0 }
        let service = fields["MessagingServiceSid"].flatMap { $0.isEmpty ? nil : $0 }
        guard from != nil || service != nil else {
            return .failure(Problem(code: 21603, message: "A 'From' phone number is required."))
        }
        if let service, !(service.hasPrefix("MG") && service.count == 34) {
            return .failure(Problem(code: 21701, message: "The Messaging Service Sid \(service) is invalid."))
        }
        if service == nil, let from, !isE164(from), !from.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " }) {
            return .failure(Problem(code: 21212, message: "The 'From' number \(from) is not a valid phone number, shortcode, or alphanumeric sender ID."))
        }
        guard let body = fields["Body"], !body.isEmpty else {
            return .failure(Problem(code: 21602, message: "Message body is required."))
        }
        guard body.count <= maxBodyLength else {
            return .failure(Problem(code: 21617, message: "The concatenated message body exceeds the 1600 character limit."))
        }
        return .success(Accepted(to: to, from: service == nil ? from : nil, messagingServiceSid: service, body: body))
    }

    /// `+` then 8–15 digits, not starting with 0.
    static func isE164(_ number: String) -> Bool {
        guard number.hasPrefix("+") else { return false }
        let digits = number.dropFirst()
        return (8...15).contains(digits.count) && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
            && digits.first != "0"
    }

    /// The user of a `Basic` authorization header whose password is `password`, if it matches.
    static func basicAuthUser(_ header: String?, password: String) -> String? {
        guard let header, header.lowercased().hasPrefix("basic "),
              let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let decoded = String(data: data, encoding: .utf8),
              let colon = decoded.firstIndex(of: ":")
        else { return nil }
        guard decoded[decoded.index(after: colon)...] == password else { return nil }
        return String(decoded[..<colon])
    }

    // MARK: - Responses

    /// The Message resource Twilio returns on create.
    private func resource(sid: String, accepted: Accepted, now: Date) -> [String: Any] {
        let date = Self.rfc2822(now)
        let uri = "/2010-04-01/Accounts/\(accountSid)/Messages/\(sid)"
        return [
            "sid": sid,
            "account_sid": accountSid,
            "api_version": "2010-04-01",
            "body": accepted.body,
            "date_created": date,
            "date_updated": date,
            "date_sent": NSNull(),
            "direction": "outbound-api",
            "error_code": NSNull(),
            "error_message": NSNull(),
            "from": accepted.from.map { $0 as Any } ?? NSNull(),
            "messaging_service_sid": accepted.messagingServiceSid.map { $0 as Any } ?? NSNull(),
            "num_media": "0",
            "num_segments": String(max(1, (accepted.body.count + 152) / 153)),
            "price": NSNull(),
            "price_unit": "USD",
            "status": accepted.messagingServiceSid == nil ? "queued" : "accepted",
            "subresource_uris": ["media": "\(uri)/Media.json"],
            "to": accepted.to,
            "uri": "\(uri).json",
        ]
    }

    /// Twilio's error shape: `{"code":n,"message":"..","more_info":"..","status":n}`.
    static func error(_ status: Int, code: Int, _ message: String, headers: HTTPFields = [:]) -> Response {
        FakeResponse.json(status, [
            "code": code,
            "message": message,
            "more_info": "https://www.twilio.com/docs/errors/\(code)",
            "status": status,
        ], headers: headers)
    }

    /// The error Twilio would send for an injected status.
    static func faultResponse(status: Int, body: String?) -> Response {
        if let body {
            return FakeResponse.raw(status, body: Array(body.utf8), contentType: "application/json")
        }
        switch status {
        case 400: return error(400, code: 21211, "The 'To' number is not a valid phone number.")
        case 401: return error(401, code: 20003, "Authenticate")
        case 429: return error(429, code: 20429, "Too Many Requests")
        case 500: return error(500, code: 20500, "An internal server error has occurred")
        default: return error(status, code: 20000 + status, FakeResponse.reasonPhrase(status))
        }
    }

    /// `Tue, 27 Nov 2018 16:14:39 +0000`, Twilio's date format.
    static func rfc2822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
