/// Live health the overview shows beside the stored figures: the alerts firing now and a few windowed
/// signals. The server provides it (it owns the alert monitor); the console only displays it.
public struct ConsoleHealth: Sendable {
    public var activeAlerts: [String]
    /// Name and formatted value, e.g. `("error rate", "0.0 %")`.
    public var signals: [(name: String, value: String)]

    public init(activeAlerts: [String], signals: [(name: String, value: String)]) {
        self.activeAlerts = activeAlerts
        self.signals = signals
    }

    public static let unavailable = ConsoleHealth(activeAlerts: [], signals: [])
}
