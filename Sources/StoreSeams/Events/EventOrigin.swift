/// Where an event came from: pushed by the provider, or pulled by reconciliation.
package enum EventOrigin: String, Sendable, Codable, CaseIterable {
    case webhook
    case reconcile
}
