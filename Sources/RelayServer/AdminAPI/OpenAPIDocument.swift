import Foundation

/// The OpenAPI 3.1 description of the admin API, bundled from `Resources/openapi.json`.
enum OpenAPIDocument {
    static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            return Array(#"{"openapi":"3.1.0","info":{"title":"InvoiceRelay admin API","version":"1"},"paths":{}}"#.utf8)
        }
        return Array(data)
    }()
}
