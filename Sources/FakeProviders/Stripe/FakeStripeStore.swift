import Synchronization

/// The fake Stripe's data and settings, shared by its request handlers and the test that drives it.
final class FakeStripeStore: Sendable {
    private struct StoredInvoice {
        var invoice: FakeInvoice
        var sequence: Int
    }

    private struct State {
        var secretKey: String
        /// Newest first: `created` descending, then later insertion first.
        var events: [FakeStripeEvent] = []
        var invoices: [String: StoredInvoice] = [:]
        var sequence = 0
        var requestCounter = 0
    }

    let apiVersion: String
    let faults = FaultInjector()
    let recorder = RequestRecorder()
    private let state: Mutex<State>

    init(secretKey: String, apiVersion: String) {
        self.apiVersion = apiVersion
        self.state = Mutex(State(secretKey: secretKey))
    }

    var secretKey: String {
        get { state.withLock { $0.secretKey } }
        set { state.withLock { $0.secretKey = newValue } }
    }

    /// Inserts `event` at its place in list order; an event with the same id is replaced.
    func insert(_ event: FakeStripeEvent) {
        state.withLock { state in
            state.events.removeAll { $0.id == event.id }
            // Binary search for the first stored event not newer than this one: ties go after the new event.
            var low = 0
            var high = state.events.count
            while low < high {
                let middle = (low + high) / 2
                if state.events[middle].created > event.created { low = middle + 1 } else { high = middle }
            }
            state.events.insert(event, at: low)
        }
    }

    func removeAllEvents() {
        state.withLock { $0.events.removeAll() }
    }

    /// Events in list order (newest first).
    var events: [FakeStripeEvent] { state.withLock { $0.events } }

    /// Inserts or replaces an invoice; a replaced invoice keeps its list position among equal `created` times.
    func upsert(_ invoice: FakeInvoice) {
        state.withLock { state in
            if let existing = state.invoices[invoice.id] {
                state.invoices[invoice.id] = StoredInvoice(invoice: invoice, sequence: existing.sequence)
            } else {
                state.sequence += 1
                state.invoices[invoice.id] = StoredInvoice(invoice: invoice, sequence: state.sequence)
            }
        }
    }

    func removeInvoice(id: String) {
        state.withLock { _ = $0.invoices.removeValue(forKey: id) }
    }

    /// Invoices in list order: `created` descending, then later insertion first.
    var invoices: [FakeInvoice] {
        state.withLock { state in
            state.invoices.values
                .sorted { ($0.invoice.created, $0.sequence) > ($1.invoice.created, $1.sequence) }
                .map(\.invoice)
        }
    }

    func invoice(id: String) -> FakeInvoice? {
        state.withLock { $0.invoices[id]?.invoice }
    }

    /// `req_...` ids in arrival order, like Stripe's `Request-Id` header.
    func nextRequestId() -> String {
        let number = state.withLock { state in
            state.requestCounter += 1
            return state.requestCounter
        }
        let digits = String(number)
        return "req_fake" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
