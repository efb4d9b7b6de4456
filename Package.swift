// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Nashra",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nashra", targets: ["nashra"]),
        .executable(name: "nashra-bench", targets: ["nashra-bench"]),
        .library(name: "NashraModel", targets: ["NashraModel"]),
        .library(name: "NashraWriters", targets: ["NashraWriters"]),
        .library(name: "NashraParse", targets: ["NashraParse"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "NashraModel"),
        .target(name: "NashraXML", dependencies: ["CLibXML2"]),
        .target(name: "NashraWriters", dependencies: ["NashraModel", "NashraXML"]),
        .target(name: "NashraParse", dependencies: ["NashraModel", "NashraXML"]),
        .target(name: "NashraStore", dependencies: ["NashraModel"]),
        .target(name: "NashraRelated", dependencies: ["NashraModel"]),
        .target(
            name: "NashraStoreSQLite",
            dependencies: ["NashraStore", "NashraModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "NashraStorePostgres",
            dependencies: [
                "NashraStore", "NashraModel",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "NashraFetch",
            dependencies: [
                "NashraModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "NashraAggregate",
            dependencies: [
                "NashraModel", "NashraParse", "NashraFetch", "NashraStore", "NashraXML", "NashraRelated",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "NashraServer",
            dependencies: [
                "NashraModel", "NashraStore", "NashraWriters",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "NashraCLI",
            dependencies: [
                "NashraModel", "NashraWriters", "NashraParse", "NashraStore", "NashraStoreSQLite", "NashraStorePostgres",
                "NashraFetch", "NashraAggregate", "NashraRelated", "NashraServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "nashra",
            dependencies: [
                "NashraCLI",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "nashra-bench",
            dependencies: ["CLibXML2", "NashraModel", "NashraWriters", "NashraParse", "NashraRelated", "NashraTestSupport"]
        ),
        .executableTarget(
            name: "nashra-fuzz",
            dependencies: ["NashraModel", "NashraParse"],
            // The fuzzer's driver is looked up with dlsym, which needs the executable's symbols exported.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic"])]
        ),
        .target(
            name: "NashraTestSupport",
            dependencies: ["NashraModel", "NashraStore", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/NashraTestSupport"
        ),
        .testTarget(name: "NashraModelTests", dependencies: ["NashraModel", "NashraTestSupport"]),
        .testTarget(name: "NashraXMLTests", dependencies: ["NashraXML", "NashraTestSupport"]),
        .testTarget(name: "NashraWritersTests", dependencies: ["NashraWriters", "NashraModel", "NashraParse", "NashraTestSupport"]),
        .testTarget(name: "NashraParseTests", dependencies: ["NashraParse", "NashraModel", "NashraXML", "NashraTestSupport"]),
        .testTarget(name: "NashraCLITests", dependencies: ["NashraTestSupport", "NashraModel"]),
        .testTarget(
            name: "NashraServerTests",
            dependencies: [
                "NashraServer", "NashraStore", "NashraStoreSQLite", "NashraModel", "NashraWriters", "NashraTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "NashraRelatedTests", dependencies: ["NashraRelated", "NashraModel", "NashraTestSupport"]),
        .testTarget(
            name: "NashraStoreTests",
            dependencies: ["NashraStore", "NashraStoreSQLite", "NashraStorePostgres", "NashraModel", "NashraTestSupport"]
        ),
        .testTarget(name: "NashraFetchTests", dependencies: ["NashraFetch", "NashraModel", "NashraTestSupport"]),
        .testTarget(
            name: "NashraAggregateTests",
            dependencies: ["NashraAggregate", "NashraStore", "NashraStoreSQLite", "NashraFetch", "NashraModel", "NashraTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Strict settings for every target we own (swift-log does the same loop).
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ])
    target.swiftSettings = settings
}
