/// How a reminder reaches a customer.
package enum Channel: String, Sendable, Codable, CaseIterable, Hashable {
    case email
    case sms
}
