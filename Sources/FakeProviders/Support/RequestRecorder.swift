import Foundation
package import Hummingbird
import Synchronization

/// Collects the requests a fake receives, in arrival order, safe to read from tests while the fake runs.
package final class RequestRecorder: Sendable {
    private let recorded = Mutex<[RecordedRequest]>([])

    /// Largest body a fake reads; bigger bodies are answered 413 by the fake.
    package static let bodyLimit = 1024 * 1024

    package init() {}

    /// Every request so far.
    package var all: [RecordedRequest] { recorded.withLock { $0 } }

    /// Forgets every request so far.
    package func reset() { recorded.withLock { $0.removeAll() } }

    /// Reads the whole body of `request` (up to ``bodyLimit``), records it, and returns the record.
    /// - Throws: Hummingbird's 413 error when the body is over the limit.
    @discardableResult
    package func record(_ request: Request) async throws -> RecordedRequest {
        var request = request
        let buffer = try await request.collectBody(upTo: Self.bodyLimit)
        let body = Array(buffer.readableBytesView)
        let record = RecordedRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            query: request.uri.query,
            headers: request.headers,
            body: body
        )
        recorded.withLock { $0.append(record) }
        return record
    }

    /// Form fields, or the top-level scalar values of a JSON object, as strings.
    static func parseFields(body: [UInt8], contentType: String?) -> [String: String] {
        let type = contentType?.lowercased() ?? ""
        if type.hasPrefix("application/x-www-form-urlencoded") {
            return FormURLEncoded.decodeFields(body)
        }
        guard type.hasPrefix("application/json"),
              let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        else { return [:] }
        var fields: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case let string as String: fields[key] = string
            case let number as NSNumber: fields[key] = number.stringValue
            default: continue
            }
        }
        return fields
    }
}
