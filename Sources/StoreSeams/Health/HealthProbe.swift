/// Cheap database checks for the readiness route (`/readyz`), so that HTTP code never runs SQL itself.
package protocol HealthProbe: Sendable {
    /// Proves the database accepts a write now (the file is writable, the disk not full, no lock held forever),
    /// without changing any data.
    /// - Throws: whatever the database reports.
    func ping() async throws

    /// Whether every schema migration this build knows is applied.
    func isSchemaCurrent() async throws -> Bool
}
