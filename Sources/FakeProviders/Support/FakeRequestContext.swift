import Hummingbird
import NIOCore

/// Request context for the fakes: a basic context that keeps the connection so a fault can close it unanswered.
public struct FakeRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Fake request bodies are small; anything larger is answered 413 like a real provider would.
    public var maxUploadSize: Int { 1024 * 1024 }

    /// Closes the TCP connection without writing a response (the `dropConnection` fault).
    public func dropConnection() async {
        try? await channel.close()
    }
}
