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
            if failing.isEmpty { return try Response.json(["status": "ready"]) }
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

    package init(probes: [(name: String, isHealthy: @Sendable () -> Bool)] = []) {
        self.probes = probes
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
