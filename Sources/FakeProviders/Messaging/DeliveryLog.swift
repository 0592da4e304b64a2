import Synchronization

/// The messages a fake accepted, in order; shared between its handlers and the test reading it.
final class DeliveryLog: Sendable {
    private let messages = Mutex<[DeliveredMessage]>([])

    var all: [DeliveredMessage] { messages.withLock { $0 } }

    func append(_ message: DeliveredMessage) { messages.withLock { $0.append(message) } }
}
