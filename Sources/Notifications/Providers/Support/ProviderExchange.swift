import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Performs one provider request under a whole-request deadline and reads a bounded body.
///
/// AsyncHTTPClient's deadline stops applying once the response head arrives, so a provider that sends headers
/// and then trickles (or never finishes) the body would hold the attempt forever; here one timer covers connect,
/// upload, head and body, and the body is cut at ``bodyLimit`` bytes.
enum ProviderExchange {
    /// The most response body we read: plenty for an id or an error message.
    static let bodyLimit = 64 * 1024

    /// Sends `request` and returns the response or why there was none. Never throws.
    static func perform(
        _ request: HTTPClientRequest,
        client: HTTPClient,
        timeout: TimeAmount
    ) async -> Result<ProviderHTTPResponse, TransportFailure> {
        let deadline = NIODeadline.now() + timeout
        do {
            let response = try await withThrowingTaskGroup(of: ProviderHTTPResponse.self) { group in
                group.addTask {
                    let response = try await client.execute(request, deadline: deadline)
                    let body = try await readBounded(response.body)
                    return ProviderHTTPResponse(status: Int(response.status.code), headers: response.headers, body: body)
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(max(0, timeout.nanoseconds)))
                    throw TransportFailure.timeout
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw TransportFailure.timeout }
                return first
            }
            return .success(response)
        } catch {
            return .failure(classify(error))
        }
    }

    /// Reads at most ``bodyLimit`` bytes, then stops reading (the rest is not needed).
    private static func readBounded(_ body: HTTPClientResponse.Body) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in body {
            let room = bodyLimit - bytes.count
            if chunk.readableBytes >= room {
                bytes.append(contentsOf: chunk.readableBytesView.prefix(room))
                break
            }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return bytes
    }

    /// Maps what AsyncHTTPClient / NIO threw to a ``TransportFailure``.
    static func classify(_ error: any Error) -> TransportFailure {
        if let failure = error as? TransportFailure { return failure }
        if error is CancellationError { return .cancelled }
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout,
                 .tlsHandshakeTimeout:
                return .timeout
            case .remoteConnectionClosed:
                return .connectionClosed
            case .cancelled:
                return .cancelled
            case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath:
                return .invalidRequest(String(describing: clientError))
            default:
                return .connectionFailed(String(describing: clientError))
            }
        }
        if let ioError = error as? IOError {
            return .connectionFailed(ioError.description)
        }
        if let channelError = error as? ChannelError {
            switch channelError {
            case .eof, .alreadyClosed, .ioOnClosedChannel, .outputClosed, .inputClosed:
                return .connectionClosed
            case .connectTimeout:
                return .timeout
            default:
                return .connectionFailed(String(describing: channelError))
            }
        }
        return .connectionFailed(String(describing: error))
    }
}
