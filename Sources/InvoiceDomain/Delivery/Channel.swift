/// How a reminder reaches a customer.
public enum Channel: String, Sendable, Codable, CaseIterable, Hashable {
    case email
    case sms
}
