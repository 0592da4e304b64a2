import Foundation
import Hummingbird
import StoreSeams
import Prometheus

/// Liveness, readiness and Prometheus metrics. Unauthenticated by design.
struct HealthRoutes<Context: RequestContext> {
    let probe: any HealthProbe
    let registry: PrometheusCollectorRegistry
    let readiness: ReadinessChecks

    func register(on router: Router<Context>) {
        router.get("/healthz") { _, _ in
            try Response.json(["status": "ok"])
        }
        router.get("/readyz") { _, _ in
            let failing = await readiness.failing(probe: probe)
            if failing.isEmpty { return try Response.json(readiness.readyBody()) }
            throw APIError(.serviceUnavailable, code: "not_ready", message: "failing checks: " + failing.joined(separator: ", "))
        }
        router.get("/metrics") { _, _ in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(16_384)
            registry.emit(into: &buffer)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer))
            )
        }
    }
}

/// Named readiness checks; background services register a liveness probe here.
package final class ReadinessChecks: Sendable {
    private let probes: [(name: String, isHealthy: @Sendable () -> Bool)]
    private let leadership: Leadership?

    package init(probes: [(name: String, isHealthy: @Sendable () -> Bool)] = [], leadership: Leadership? = nil) {
        self.probes = probes
        self.leadership = leadership
    }

    /// `{"status": "ready"}`, with the singleton roles this relay leads: `"leader": "reminder_planning,reconciliation"`
    /// (`"none"` when another relay leads them all). A follower is ready: it serves webhooks and sends.
    func readyBody() -> [String: String] {
        guard let leadership else { return ["status": "ready"] }
        let led = leadership.roleStates.filter(\.isLeader).map(\.role.rawValue)
        return ["status": "ready", "leader": led.isEmpty ? "none" : led.joined(separator: ","), "holder": leadership.holder]
    }

    /// Names of failing checks; empty when ready.
    func failing(probe: any HealthProbe) async -> [String] {
        var failing: [String] = []
        do {
            try await probe.ping()
        } catch {
            failing.append("database_writable")
        }
        if (try? await probe.isSchemaCurrent()) != true { failing.append("migrations_current") }
        for probe in probes where !probe.isHealthy() { failing.append(probe.name) }
        return failing
    }
}
