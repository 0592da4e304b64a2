import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension HTTPClientRequest {
    /// A `POST` of `body` as JSON, with `Content-Type` and `Accept` set to `application/json`.
    static func postJSON(url: String, body: some Encodable) throws -> HTTPClientRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = try encoder.encode(body)
        return post(url: url, body: ByteBuffer(bytes: data))
    }

    /// A `POST` of an already written JSON document.
    static func postJSON(url: String, json: String) -> HTTPClientRequest {
        post(url: url, body: ByteBuffer(string: json))
    }

    private static func post(url: String, body: ByteBuffer) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: ProviderUserAgent.value)
        request.body = .bytes(body)
        return request
    }
}

/// The `User-Agent` our provider requests carry.
enum ProviderUserAgent {
    static let value = "InvoiceRelay/1.0"
}

/// Joins a configured base URL and an API path without doubling or dropping the slash.
enum ProviderURL {
    static func join(_ base: String, _ path: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }
}
