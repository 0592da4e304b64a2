import Foundation
import Hummingbird

/// The console's stylesheet and script, served from the binary's resources (no CDN, no build step), so the
/// pages' `default-src 'self'` policy allows them and nothing inline.
enum ConsoleAssets {
    static let files: [String: (type: String, bytes: [UInt8])] = {
        var files: [String: (String, [UInt8])] = [:]
        for (name, type) in [("console.css", "text/css; charset=utf-8"), ("console.js", "text/javascript; charset=utf-8")] {
            let parts = name.split(separator: ".")
            if let url = Bundle.module.url(forResource: String(parts[0]), withExtension: String(parts[1]), subdirectory: "static"),
               let data = try? Data(contentsOf: url) {
                files[name] = (type, Array(data))
            }
        }
        return files
    }()

    static func register(_ routes: ConsoleRoutes) {
        routes.open(.get, "assets/{file}") { _, context in
            guard let name = context.parameters.get("file"), let file = files[name] else {
                throw ConsoleError(status: .notFound, title: "Not found", message: "No such file.")
            }
            return Response(
                status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: ByteBuffer(bytes: file.bytes))
            )
        }
    }
}
