import Hummingbird

/// The authenticated admin API under `/v1/` and its OpenAPI document at `/openapi.json`.
struct AdminRoutes {
    let relay: RelayApp

    func register(on router: Router<BasicRequestContext>) {}
}
