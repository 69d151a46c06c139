// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "shoppyshop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "shoppyshop", targets: ["Run"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/GraphQLSwift/GraphQL.git", from: "4.3.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0"),
    ],
    targets: [
        .executableTarget(name: "Run", dependencies: ["App"]),
        .executableTarget(name: "ShopifyBench", dependencies: ["ShopifyAPI", "Sandbox"], path: "Benchmarks/ShopifyBench"),
        .executableTarget(name: "SyncBench", dependencies: [
            "App", "ShoppyShopCore", "Sandbox", "EbayAPI", "ShopifyAPI",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
        ], path: "Benchmarks/SyncBench"),
        .target(name: "App", dependencies: [
            "ShoppyShopCore", "Views", "Sandbox", "IntegrationKit",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .target(name: "ShoppyShopCore", dependencies: [
            "IntegrationKit", "ShopifyAPI", "EbayAPI", "MetaAPI",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "SQLiteNIO", package: "sqlite-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
        ]),
        .target(name: "IntegrationKit", dependencies: [
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
        ]),
        .target(name: "ShopifyAPI", dependencies: ["IntegrationKit"], resources: [.copy("Operations")]),
        .target(name: "EbayAPI", dependencies: ["IntegrationKit"]),
        .target(name: "MetaAPI", dependencies: ["IntegrationKit"]),
        .target(name: "Views", dependencies: [.product(name: "Plot", package: "Plot")]),
        .target(name: "Sandbox", dependencies: [
            "IntegrationKit",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "GraphQL", package: "GraphQL"),
            .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
        ], resources: [.copy("Resources")]),
        .target(name: "TestSupport", dependencies: [
            "App", "ShoppyShopCore",
            .product(name: "VaporTesting", package: "vapor"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        ], path: "Tests/TestSupport"),
        .testTarget(name: "AppTests", dependencies: ["App", "TestSupport", .product(name: "VaporTesting", package: "vapor")]),
        .testTarget(name: "ShoppyShopCoreTests", dependencies: ["ShoppyShopCore", "TestSupport"]),
        .testTarget(name: "IntegrationKitTests", dependencies: ["IntegrationKit", .product(name: "Vapor", package: "vapor")]),
        .testTarget(name: "ShopifyAPITests", dependencies: [
            "ShopifyAPI", "Sandbox", .product(name: "GraphQL", package: "GraphQL"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "EbayAPITests", dependencies: [
            "EbayAPI", "Sandbox", .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "MetaAPITests", dependencies: ["MetaAPI", "Sandbox"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ViewsTests", dependencies: ["Views"]),
        .testTarget(name: "SandboxTests", dependencies: [
            "Sandbox", .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
