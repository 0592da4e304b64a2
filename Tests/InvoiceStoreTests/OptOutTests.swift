import Foundation
import InvoiceDomain
import Testing

@testable import InvoiceStore

/// The planner reads a page's opt-outs in one query; it must answer what `isOptedOut` answers per customer.
@Suite struct OptOutTests {
    @Test func optOutsMatchThePerCustomerAnswer() async throws {
        let store = SQLiteStore(try AppDatabase.inMemory())
        let now = Date(timeIntervalSince1970: 1_764_000_100)
        // 1,200 customers (more than one chunk of the IN list); every third opts out of SMS, every fifth of e-mail,
        // every seventh opted out of e-mail and back in.
        let customers = (0..<1_200).map { "cus_\($0)" }
        for (index, customer) in customers.enumerated() {
            if index % 3 == 0 { try await store.setOptOut(customerId: customer, channel: .sms, optedOut: true, now: now) }
            if index % 5 == 0 { try await store.setOptOut(customerId: customer, channel: .email, optedOut: true, now: now) }
            if index % 7 == 0 {
                try await store.setOptOut(customerId: customer, channel: .email, optedOut: true, now: now)
                try await store.setOptOut(customerId: customer, channel: .email, optedOut: false, now: now)
            }
        }
        let optOuts = try await store.optOuts(customerIds: Set(customers + ["cus_unknown"]))
        for customer in customers + ["cus_unknown"] {
            for channel in [Channel.email, .sms] {
                let expected = try await store.isOptedOut(customerId: customer, channel: channel)
                #expect((optOuts[customer] ?? []).contains(channel) == expected, "\(customer) \(channel)")
            }
        }
        #expect(optOuts["cus_unknown"] == nil)
        #expect(try await store.optOuts(customerIds: []).isEmpty)
    }
}
