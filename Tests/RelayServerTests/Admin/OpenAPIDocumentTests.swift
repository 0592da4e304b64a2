import Foundation
import Hummingbird
import InvoiceDomain
@testable import RelayServer
import Testing

/// The bundled OpenAPI 3.1 document is valid JSON, is the one served, and lists exactly the registered `/v1` routes.
@Suite struct OpenAPIDocumentTests {
    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
    }

    @Test func documentIsOpenAPI31WithBearerSecurity() throws {
        let document = try Self.document()
        let version = try #require(document["openapi"] as? String)
        #expect(version.hasPrefix("3.1."))
        #expect((document["info"] as? [String: Any])?["title"] is String)
        let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
        let bearer = try #require(schemes?["bearerAuth"] as? [String: Any])
        #expect(bearer["type"] as? String == "http" && bearer["scheme"] as? String == "bearer")
        #expect((document["security"] as? [[String: Any]])?.first?["bearerAuth"] != nil)
    }

    @Test func documentedRoutesMatchRegisteredRoutes() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let router = Router(context: BasicRequestContext.self)
            AdminRoutes(relay: relay.relay).register(on: router)
            let registered = Set(router.routes.filter { $0.path.description.hasPrefix("/v1/") }.map { "\($0.method.rawValue) \($0.path.description)" })

            let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
            let methods: Set<String> = ["get", "put", "post", "delete", "patch"]
            let documented = Set(paths.flatMap { path, operations in
                operations.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
            })
            #expect(registered.count == 24)
            #expect(registered.subtracting(documented).isEmpty, "registered but not documented: \(registered.subtracting(documented).sorted())")
            #expect(documented.subtracting(registered).isEmpty, "documented but not registered: \(documented.subtracting(registered).sorted())")
        }
    }

    @Test func everyOperationDeclaresItsErrorsAndParameters() throws {
        let document = try Self.document()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let text = String(decoding: OpenAPIDocument.bytes, as: UTF8.self)
        for (path, operations) in paths {
            let captures = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            for (method, value) in operations {
                let operation = try #require(value as? [String: Any])
                let responses = try #require(operation["responses"] as? [String: Any])
                #expect(responses["401"] != nil, "\(method) \(path) lacks 401")
                let scope = operation["x-required-scope"] as? String
                #expect((responses["403"] != nil) == (scope == "admin"), "\(method) \(path): 403 iff admin scope")
                let parameters = operation["parameters"] as? [[String: Any]] ?? []
                let pathParameters = Set(parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
                #expect(pathParameters == captures, "\(method) \(path) path parameters")
                if scope == "admin" {
                    #expect(parameters.contains { $0["name"] as? String == "Idempotency-Key" }, "\(method) \(path) lacks Idempotency-Key")
                }
            }
        }
        // Every $ref points at a defined schema or response.
        let responses = try #require((document["components"] as? [String: Any])?["responses"] as? [String: Any])
        for match in text.matches(of: /"\$ref": "#\/components\/(schemas|responses)\/([A-Za-z]+)"/) {
            let known = match.output.1 == "schemas" ? schemas[String(match.output.2)] : responses[String(match.output.2)]
            #expect(known != nil, "dangling $ref \(match.output.2)")
        }
    }

    @Test func servedDocumentIsTheBundledOne() async throws {
        try await RelayHarness.run(clock: ManualClock(AdminFixture.now)) { relay in
            let reply = try await relay.request(.GET, "/openapi.json")
            #expect(reply.status == 200)
            #expect(reply.headers.first(name: "Content-Type") == "application/json")
            #expect(reply.body == OpenAPIDocument.bytes)
        }
    }
}
