/// Live health the overview shows beside the stored figures: the alerts firing now and a few windowed
/// signals. The server provides it (it owns the alert monitor); the console only displays it.
package struct ConsoleHealth: Sendable {
    package var activeAlerts: [String]
    /// Name and formatted value, e.g. `("error rate", "0.0 %")`.
    package var signals: [(name: String, value: String)]

    package init(activeAlerts: [String], signals: [(name: String, value: String)]) {
        self.activeAlerts = activeAlerts
        self.signals = signals
    }

    package static let unavailable = ConsoleHealth(activeAlerts: [], signals: [])
}
