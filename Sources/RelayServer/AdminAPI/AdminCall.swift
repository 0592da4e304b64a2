import Foundation
import Hummingbird
import InvoiceDomain
import InvoiceStore
import RelayAdmin
import StoreSeams

/// One authenticated admin request as a handler sees it: who is calling, path and query parameters, the body.
struct AdminCall: Sendable {
    let token: APIToken
    let parameters: Parameters
    let query: [(String, String)]
    let body: [UInt8]

    /// The audit identity: the token's name.
    var actor: String { token.name }

    func path(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw AdminError.badRequest("invalid_path", "missing path parameter '\(name)'") }
        return value
    }

    /// A positive integer id from the path.
    func id(_ name: String, of what: String) throws -> Int64 {
        let text = try path(name)
        guard let id = Int64(text), id > 0 else {
            throw AdminError.badRequest("invalid_id", "\(what) id must be a positive integer, not '\(text)'")
        }
        return id
    }

    func templateRef() throws -> TemplateRef {
        try TemplateRef(channel: path("channel"), kind: path("kind"), locale: path("locale"))
    }

    /// `{channel}/{address}` of a suppression route; the address may be percent-encoded (`%2B14155550123`).
    func suppressedAddress() throws -> (Channel, String) {
        let channelName = try path("channel")
        guard let channel = Channel(rawValue: channelName) else {
            throw AdminError.badRequest("invalid_channel", "unknown channel '\(channelName)': use email or sms")
        }
        let raw = try path("address")
        return (channel, raw.removingPercentEncoding ?? raw)
    }

    func queryParameters(allowed: Set<String>) throws -> AdminParameters {
        try AdminParameters(query, allowed: allowed)
    }

    /// Decodes the JSON body (an empty body counts as `{}`): it must be an object with only the fields `T`
    /// declares, each of the right type; anything else is a 400 naming the problem.
    func decode<T: AdminRequestBody>(_ type: T.Type) throws -> T {
        let bytes = body.isEmpty || body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) ? Array("{}".utf8) : body
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let fields = object as? [String: Any] else {
            throw AdminError.badRequest("invalid_json", "the request body must be a JSON object")
        }
        if let unknown = fields.keys.sorted().first(where: { !T.fields.contains($0) }) {
            throw AdminError.badRequest("unknown_field", "unknown field '\(unknown)' (allowed: \(T.fields.sorted().joined(separator: ", ")))")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw AdminError.badRequest("invalid_json", Self.describe(error))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "missing required field '\(parent.isEmpty ? "" : parent + ".")\(key.stringValue)'"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))' must be \(Self.describe(type))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the request body is not valid JSON" : "field '\(path(context.codingPath))' is invalid"
        @unknown default:
            return "the request body is not valid JSON for this endpoint"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        default: "of another type"
        }
    }
}

/// A JSON request body with a closed set of top-level fields.
protocol AdminRequestBody: Decodable {
    static var fields: Set<String> { get }
}
