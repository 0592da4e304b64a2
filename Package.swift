// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "InvoiceRelay",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "invoice-relay", targets: ["InvoiceRelayCLI"]),
        .executable(name: "relay-bench", targets: ["RelayBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // Pure domain: invoices, money, events, state machine, reminder policy. Foundation only, no I/O.
        .target(name: "InvoiceDomain"),

        // Persistence behind the `RelayStore` protocol; GRDB/SQLite (WAL) implementation.
        .target(
            name: "InvoiceStore",
            dependencies: [
                "InvoiceDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the statements of the webhook hot path (`RawStatement`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Signature verification over raw bytes and provider event decoding.
        .target(
            name: "WebhookIngest",
            dependencies: [
                "InvoiceDomain",
                "InvoiceStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),

        // Templates, provider HTTP clients, outbox scheduler, circuit breaker, rate limits.
        .target(
            name: "Notifications",
            dependencies: [
                "InvoiceDomain",
                "InvoiceStore",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        // Polling the provider's API for missed events; drift sweep.
        .target(
            name: "Reconciliation",
            dependencies: [
                "InvoiceDomain",
                "InvoiceStore",
                "WebhookIngest",
                "Notifications",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ]
        ),

        // In-process fakes of Stripe, SendGrid, Postmark and Twilio with fault injection (tests and --sandbox).
        .target(
            name: "FakeProviders",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),

        // The admin service layer: every admin read and action with its rules and audit record, and token
        // authentication; the HTTP API, the CLI and the console are thin faces over it.
        .target(
            name: "RelayAdmin",
            dependencies: [
                "InvoiceDomain",
                "InvoiceStore",
                "Notifications",
                "WebhookIngest",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // The browser admin console: server-rendered pages (swift-mustache) over the admin service, sessions, CSRF.
        .target(
            name: "RelayConsole",
            dependencies: [
                "InvoiceDomain",
                "InvoiceStore",
                "Notifications",
                "RelayAdmin",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/static")]
        ),

        // Configuration, HTTP server (webhooks, admin API, health, metrics) and service wiring.
        .target(
            name: "RelayServer",
            dependencies: [
                "InvoiceDomain",
                "InvoiceStore",
                "WebhookIngest",
                "Notifications",
                "Reconciliation",
                "RelayAdmin",
                "RelayConsole",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Resources/openapi.json")]
        ),

        .executableTarget(
            name: "InvoiceRelayCLI",
            dependencies: [
                "RelayServer",
                "RelayAdmin",
                "FakeProviders",
                "Reconciliation",
                "InvoiceStore",
                "Notifications",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // Benchmarks (figures, not tests): `swift run -c release relay-bench --help`.
        .executableTarget(
            name: "RelayBenchmarks",
            dependencies: [
                "RelayServer",
                "FakeProviders",
                "InvoiceStore",
                "WebhookIngest",
                "Notifications",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/Benchmarks/RelayBenchmarks"
        ),

        // Test data shipped with the repository (the providers' SDK-made signature vectors), as resources.
        .target(name: "TestFixtures", path: "Tests/TestFixtures", resources: [.copy("Vectors")]),

        .testTarget(name: "InvoiceDomainTests", dependencies: ["InvoiceDomain"]),
        .testTarget(
            name: "InvoiceStoreTests",
            dependencies: ["InvoiceStore", "InvoiceDomain", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "WebhookIngestTests", dependencies: ["WebhookIngest", "TestFixtures"]),
        .testTarget(
            name: "NotificationsTests",
            dependencies: [
                "Notifications",
                "FakeProviders",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ReconciliationTests",
            dependencies: [
                "Reconciliation",
                "FakeProviders",
                "InvoiceStore",
                "WebhookIngest",
                "TestFixtures",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "RelayServerTests",
            dependencies: [
                "RelayServer",
                "RelayAdmin",
                "RelayConsole",
                "FakeProviders",
                "TestFixtures",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
