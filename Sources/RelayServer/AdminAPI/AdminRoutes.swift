import Foundation
import Hummingbird
import InvoiceStore
import RelayAdmin
import StoreSeams

/// The authenticated admin API under `/v1/` and its OpenAPI document at `/openapi.json`.
///
/// Every `/v1` route needs a bearer token (``AdminAuthenticator``); GET routes and template preview need
/// the `read` scope, everything that changes state needs `admin`. The same operations back the CLI
/// through ``AdminService``. The OpenAPI document (`Resources/openapi.json`) lists exactly these routes,
/// which a test checks.
struct AdminRoutes {
    let relay: RelayApp

    func register(on router: Router<BasicRequestContext>) {
        let service = relay.admin
        let dispatcher = AdminDispatcher(
            authenticator: AdminAuthenticator(store: relay.store, clock: relay.options.clock),
            gate: IdempotencyGate(store: relay.store, clock: relay.options.clock),
            maxBodyBytes: relay.options.configuration.server.maxBodyBytes
        )
        for route in Self.routes(service) {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try await dispatcher.handle(route, request, context)
            }
        }
        let document = OpenAPIDocument.bytes
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
    }

    // MARK: - Route table

    static let template = "/v1/templates/{channel}/{kind}/{locale}"
    static let suppression = "/v1/suppressions/{channel}/{address}"

    static func routes(_ service: AdminService) -> [AdminRoute] {
        [
            // Templates
            .get("/v1/templates") { _ in
                try .json(["data": try await service.listTemplates()])
            },
            .get(template) { call in
                try .json(try await service.template(call.templateRef()))
            },
            .get("\(template)/versions/{version}") { call in
                let version = try call.id("version", of: "version")
                return try .json(try await service.templateVersion(call.templateRef(), version: Int(clamping: version)))
            },
            .write(.put, template) { call in
                let ref = try call.templateRef()
                let body = try call.decode(TemplateUpdateBody.self)
                let change = try await service.updateTemplate(ref, content: body.content, note: body.note, actor: call.actor)
                return try .json(change, status: change.created ? .created : .ok)
            },
            .write(.post, "\(template)/rollback") { call in
                let ref = try call.templateRef()
                let body = try call.decode(RollbackBody.self)
                let change = try await service.rollbackTemplate(ref, toVersion: body.version, actor: call.actor)
                return try .json(change, status: change.created ? .created : .ok)
            },
            // Preview renders and saves nothing: a read-scope token may use it.
            .read(.post, "\(template)/preview") { call in
                let ref = try call.templateRef()
                let body = try call.decode(PreviewBody.self)
                return try .json(try await service.previewTemplate(ref, body.request))
            },

            // Deliveries
            .get("/v1/deliveries") { call in
                let query = try DeliveryQuery(call.queryParameters(allowed: DeliveryQuery.parameterNames))
                return try .json(try await service.deliveries(query))
            },
            .get("/v1/deliveries/{id}") { call in
                try .json(try await service.delivery(id: call.id("id", of: "delivery")))
            },
            .write(.post, "/v1/deliveries/{id}/replay") { call in
                let id = try call.id("id", of: "delivery")
                let body = try call.decode(ReplayBody.self)
                return try .json(try await service.replayDelivery(id: id, force: body.force ?? false, actor: call.actor))
            },
            .write(.post, "/v1/deliveries/replay") { call in
                let body = try call.decode(BulkReplayBody.self)
                let filter = try DeliveryQuery.parseFilter(AdminParameters(body.parameters, allowed: DeliveryQuery.filterNames))
                return try .json(try await service.replayDeliveries(matching: filter, all: body.all ?? false, actor: call.actor))
            },

            // Webhook events
            .get("/v1/events") { call in
                let query = try EventQuery(call.queryParameters(allowed: EventQuery.parameterNames))
                return try .json(try await service.events(query))
            },
            .get("/v1/events/{id}") { call in
                try .json(try await service.event(id: call.id("id", of: "event")))
            },
            .write(.post, "/v1/events/{id}/reprocess") { call in
                let id = try call.id("id", of: "event")
                _ = try call.decode(EmptyBody.self)
                return try .json(try await service.reprocessEvent(id: id, actor: call.actor))
            },

            // Invoices
            .get("/v1/invoices") { call in
                let query = try InvoiceQuery(call.queryParameters(allowed: InvoiceQuery.parameterNames))
                return try .json(try await service.invoices(query))
            },
            .get("/v1/invoices/{id}") { call in
                try .json(try await service.invoice(id: call.path("id")))
            },
            .write(.post, "/v1/invoices/{id}/pause") { call in
                let id = try call.path("id")
                let body = try call.decode(PauseBody.self)
                return try .json(try await service.pauseReminders(invoiceId: id, until: try body.untilDate(), note: body.note, actor: call.actor))
            },
            .write(.post, "/v1/invoices/{id}/resume") { call in
                let id = try call.path("id")
                _ = try call.decode(EmptyBody.self)
                return try .json(try await service.resumeReminders(invoiceId: id, actor: call.actor))
            },
            .write(.post, "/v1/invoices/{id}/skip") { call in
                let id = try call.path("id")
                let body = try call.decode(SkipBody.self)
                return try .json(try await service.skipStep(invoiceId: id, step: body.step, actor: call.actor))
            },

            // Customers
            .write(.post, "/v1/customers/{id}/exclusion") { call in
                let id = try call.path("id")
                let body = try call.decode(ExclusionBody.self)
                return try .json(try await service.setCustomerExcluded(customerId: id, excluded: body.excluded ?? true, actor: call.actor))
            },

            // Suppression list
            .get("/v1/suppressions") { call in
                let query = try SuppressionQuery(call.queryParameters(allowed: SuppressionQuery.parameterNames))
                return try .json(try await service.suppressions(query))
            },
            .get(suppression) { call in
                let (channel, address) = try call.suppressedAddress()
                return try .json(try await service.suppression(channel: channel, address: address))
            },
            .write(.put, suppression) { call in
                let (channel, address) = try call.suppressedAddress()
                let body = try call.decode(SuppressionBody.self)
                let (view, created) = try await service.addSuppression(channel: channel, address: address, note: body.note, actor: call.actor)
                return try .json(view, status: created ? .created : .ok)
            },
            .write(.delete, suppression) { call in
                let (channel, address) = try call.suppressedAddress()
                return try .json(try await service.removeSuppression(channel: channel, address: address, actor: call.actor))
            },

            // Audit log
            .get("/v1/audit") { call in
                let query = try AuditQuery(call.queryParameters(allowed: AuditQuery.parameterNames))
                return try .json(try await service.audit(query))
            },
        ]
    }
}
