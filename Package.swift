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
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // Pure domain: invoices, money, events, state machine, reminder policy. Foundation only, no I/O.
        .target(name: "InvoiceDomain"),

        // The storage seams: protocols named after their consumer, and the values they exchange. No GRDB, no I/O.
        .target(name: "StoreSeams", dependencies: ["InvoiceDomain"]),

        // The GRDB/SQLite (WAL) implementation of every seam in StoreSeams.
        .target(
            name: "InvoiceStore",
            dependencies: [
                "InvoiceDomain",
                "StoreSeams",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the statements of the webhook hot path (`RawStatement`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),

        // The PostgreSQL implementation of every seam in StoreSeams (several relays on one database).
        .target(
            name: "PostgresStore",
            dependencies: [
                "InvoiceDomain",
                "StoreSeams",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // Stripe event decoding: one field table driving a typed byte scan and a schema-less decode. No I/O.
        .target(name: "StripeEvents", dependencies: ["InvoiceDomain"]),

        // Signature verification over raw bytes, and the ingest pipeline that stores verified events.
        .target(
            name: "WebhookIngest",
            dependencies: [
                "InvoiceDomain",
                "StoreSeams",
                "StripeEvents",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // Templates, provider HTTP clients, outbox scheduler, circuit breaker, rate limits.
        .target(
            name: "Notifications",
            dependencies: [
                "InvoiceDomain",
                "StoreSeams",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
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
                "StoreSeams",
                "StripeEvents",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // Provider callbacks (Twilio status and inbound, SendGrid events, Postmark webhooks): verification,
        // parsing, delivery statuses and the suppression list.
        .target(
            name: "DeliveryFeedback",
            dependencies: [
                "InvoiceDomain",
                "StoreSeams",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
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
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),

        // The admin service layer: every admin read and action with its rules and audit record, and token
        // authentication; the HTTP API, the CLI and the console are thin faces over it.
        .target(
            name: "RelayAdmin",
            dependencies: [
                "InvoiceDomain",
                "StoreSeams",
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
                "StoreSeams",
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
                "PostgresStore",
                "StoreSeams",
                "WebhookIngest",
                "Notifications",
                "Reconciliation",
                "RelayAdmin",
                "DeliveryFeedback",
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
                "StoreSeams",
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
                "DeliveryFeedback",
                "FakeProviders",
                "InvoiceStore",
                "PostgresStore",
                "PostgresTestSupport",
                "StoreSeams",
                "StripeEvents",
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
        .testTarget(name: "DeliveryFeedbackTests", dependencies: ["DeliveryFeedback", "InvoiceDomain", "StoreSeams", "TestFixtures"]),
        .testTarget(
            name: "InvoiceStoreTests",
            dependencies: ["InvoiceStore", "StoreSeams", "InvoiceDomain", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "StoreSeamsTests", dependencies: ["StoreSeams"]),
        // One suite run against every backend through the StoreSeams protocols (InvoiceStore only for its factory).
        .testTarget(
            name: "StoreConformanceTests", dependencies: ["StoreSeams", "InvoiceDomain", "InvoiceStore", "PostgresStore", "PostgresTestSupport"]
        ),
        // A fresh PostgreSQL schema per test on the server INVOICE_RELAY_TEST_POSTGRES_URL names (Tests/Postgres/setup.sh).
        .target(
            name: "PostgresTestSupport",
            dependencies: ["PostgresStore", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log")],
            path: "Tests/Support/PostgresTestSupport"
        ),
        // Test support shared by test targets: the signature vectors (from TestFixtures) and a realistic Stripe event.
        .target(name: "WebhookTestSupport", dependencies: ["TestFixtures"], path: "Tests/Support/WebhookTestSupport"),
        .testTarget(name: "StripeEventsTests", dependencies: ["StripeEvents", "InvoiceDomain", "WebhookTestSupport"]),
        .testTarget(name: "WebhookIngestTests", dependencies: ["WebhookIngest", "StoreSeams", "InvoiceStore", "WebhookTestSupport"]),
        .testTarget(
            name: "NotificationsTests",
            dependencies: [
                "Notifications",
                "FakeProviders",
                "InvoiceStore",
                "StoreSeams",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ReconciliationTests",
            dependencies: [
                "Reconciliation",
                "FakeProviders",
                "InvoiceStore",
                "StoreSeams",
                "StripeEvents",
                // The harness delivers webhooks through the same ingestor the endpoint uses.
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
                "Notifications",
                "DeliveryFeedback",
                "RelayConsole",
                "FakeProviders",
                "InvoiceStore",
                "PostgresStore",
                "PostgresTestSupport",
                "StoreSeams",
                "TestFixtures",
                // Signs bodies for every scheme (Standard Webhooks, HMAC, Paddle) in the endpoint tests.
                "WebhookIngest",
                "WebhookTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)

// Sealed modules: an import is internal unless it is declared `package import` (what a module's package API needs from
// another module is explicit), and a member is visible only where its defining module is imported.
for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
}
