package import Hummingbird
package import NIOCore

/// Request context for the fakes: a basic context that keeps the connection so a fault can close it unanswered.
package struct FakeRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    package let channel: any Channel

    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Fake request bodies are small; anything larger is answered 413 like a real provider would.
    package var maxUploadSize: Int { 1024 * 1024 }

    /// Closes the TCP connection without writing a response (the `dropConnection` fault).
    package func dropConnection() async {
        try? await channel.close()
    }
}
