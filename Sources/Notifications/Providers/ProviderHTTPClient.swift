package import AsyncHTTPClient
package import NIOCore

/// Builds the `HTTPClient` the providers share: no redirects, explicit timeouts.
///
/// `HTTPClient.shared` follows redirects (a redirect could replay our credentials to another host) and waits 90 s;
/// ours does neither. The caller owns the client and must `try await client.shutdown()` it.
package enum ProviderHTTPClient {
    /// A new client with redirects disallowed and the given connect and read timeouts.
    /// - Parameter connectionsPerHost: how many connections one provider host may get at once; set it to the
    ///   scheduler's send concurrency, or sends queue behind AsyncHTTPClient's default of 8.
    package static func make(connectTimeout: TimeAmount, readTimeout: TimeAmount, connectionsPerHost: Int = 8) -> HTTPClient {
        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: connectTimeout, read: readTimeout),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connectionsPerHost)),
            proxy: nil,
            ignoreUncleanSSLShutdown: false,
            decompression: .disabled
        )
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}
