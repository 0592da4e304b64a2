import Foundation
import InvoiceDomain

/// Builders shared by the domain tests; everything is a pure value, safe for parallel tests.
enum Fixtures {
    static let t0 = Date(timeIntervalSince1970: 1_772_000_000)

    /// `t0 + seconds`.
    static func at(_ seconds: Int) -> Date { t0 + TimeInterval(seconds) }

    /// A snapshot whose provider status and amounts derive to `status`
    /// (partially paid: 400 of 1000 paid).
    static func snapshot(
        _ status: InvoiceStatus, amountDue: Int64 = 1000, attemptCount: Int = 0, dueDate: Date? = nil
    ) -> InvoiceSnapshot {
        let (providerStatus, paid): (String, Int64) = switch status {
        case .draft: ("draft", 0)
        case .open: ("open", 0)
        case .partiallyPaid: ("open", 400)
        case .paid: ("paid", amountDue)
        case .void: ("void", 0)
        case .uncollectible: ("uncollectible", 0)
        }
        return raw(providerStatus, amountDue: amountDue, amountPaid: paid, attemptCount: attemptCount, dueDate: dueDate)
    }

    static func raw(
        _ providerStatus: String, amountDue: Int64 = 1000, amountPaid: Int64 = 0, attemptCount: Int = 0, dueDate: Date? = nil
    ) -> InvoiceSnapshot {
        InvoiceSnapshot(
            providerInvoiceId: "in_1", number: "INV-0001", customerId: "cus_1", customerName: "Ada",
            customerEmail: "ada@example.com", currency: "USD", amountDue: amountDue, amountPaid: amountPaid,
            amountRemaining: max(amountDue - amountPaid, 0), dueDate: dueDate, providerStatus: providerStatus,
            attemptCount: attemptCount
        )
    }

    static func event(_ id: String, _ kind: InvoiceEventKind, at createdAt: Date, _ snapshot: InvoiceSnapshot) -> InvoiceEvent {
        InvoiceEvent(source: "stripe", eventId: id, kind: kind, createdAt: createdAt, invoice: snapshot)
    }

    static func invoice(_ status: InvoiceStatus, at createdAt: Date = t0, id: String = "evt_current", attemptCount: Int = 0) -> Invoice {
        Invoice(source: "stripe", snapshot: snapshot(status, attemptCount: attemptCount), status: status, lastEventAt: createdAt, lastEventId: id)
    }

    /// Feeds events through the state machine in the given order, as the store would.
    /// - Returns: the final invoice and any rejection reasons.
    static func replay(_ events: [InvoiceEvent], from start: Invoice? = nil) -> (invoice: Invoice?, rejected: [String]) {
        var current = start
        var rejected: [String] = []
        for event in events {
            switch InvoiceStateMachine.decide(event, current: current) {
            case .apply(let next): current = next
            case .skip: break
            case .reject(let reason): rejected.append(reason)
            }
        }
        return (current, rejected)
    }

    /// Every ordering of `items` (Heap's algorithm).
    static func permutations<T>(_ items: [T]) -> [[T]] {
        var result: [[T]] = []
        var array = items
        func generate(_ n: Int) {
            if n <= 1 { result.append(array); return }
            for i in 0..<n {
                generate(n - 1)
                array.swapAt(n % 2 == 0 ? i : 0, n - 1)
            }
        }
        generate(array.count)
        return result
    }

    // MARK: - Time

    static func zone(_ identifier: String) -> TimeZone {
        TimeZone(identifier: identifier) ?? .gmt
    }

    /// Parses an ISO 8601 instant with an offset, e.g. `2026-03-09T13:00:00Z`.
    static func instant(_ iso: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: iso) ?? .distantPast
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
