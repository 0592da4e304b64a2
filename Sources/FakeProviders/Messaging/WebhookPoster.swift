import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Posts a provider's webhook to the relay, as the provider's own servers do.
enum WebhookPoster {
    /// - Returns: the receiver's status, or `nil` when it could not be reached.
    static func post(_ body: [UInt8], to url: String, headers: [(String, String)]) async -> Int? {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            _ = try await response.body.collect(upTo: 64 * 1024)
            return Int(response.status.code)
        } catch {
            return nil
        }
    }
}
