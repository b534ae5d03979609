// swift-tools-version:6.0
import PackageDescription

// The release executable's link keeps the idle process small (README "Performance", issue #16):
// lld lays out the functions that run at start-up and for the first answers together
// (scripts/startup-order.txt, made by scripts/startup-order) instead of spread over 12 MB of text,
// so fewer code pages are mapped; it packs the PIE relocations (DT_RELR, glibc >= 2.36), and the
// executable exports no symbols, so the dynamic loader neither reads 1 MB of relocations nor
// hashes 7,000 exported names. Debug builds and the tests link as before.
let releaseLinkerSettings: [LinkerSetting] = [.unsafeFlags([
    "-use-ld=lld",
    "-Xlinker", "--no-export-dynamic",
    "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
    "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/scripts/startup-order.txt",
    "-Xlinker", "--no-warn-symbol-ordering",
], .when(platforms: [.linux], configuration: .release))]

let package = Package(
    name: "gong-mock",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gong-mock", targets: ["gong-mock"]),
        // Start the mock inside your own Swift tests (README "Testing with gong-mock in Swift").
        .library(name: "GongMockTesting", targets: ["GongMockTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries (Debian packages named in `providers`).
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // Macro wrappers for OpenSSL and the epoll/eventfd/timerfd headers Glibc does not export.
        .target(name: "CShims", dependencies: ["COpenSSL"]),
        // Build facts (commit, date, toolchain) that scripts/package passes as -Xcc -D….
        .target(name: "CBuildFacts"),

        // Generic layers, arrows pointing down only (see DESIGN.md).
        .target(name: "Essentials"),
        .target(name: "CryptoPrimitives", dependencies: ["COpenSSL", "CShims", "Essentials"]),
        .target(name: "HTTPServer", dependencies: ["COpenSSL", "CShims", "CryptoPrimitives", "Essentials"]),
        .target(name: "OAuth", dependencies: ["HTTPServer", "CryptoPrimitives", "Essentials"]),
        .target(name: "MCP", dependencies: ["HTTPServer", "CryptoPrimitives", "Essentials"]),
        // Gong domain and composition.
        .target(
            name: "GongMock",
            dependencies: ["OAuth", "MCP", "HTTPServer", "CryptoPrimitives", "Essentials", "CSQLite", "CBuildFacts"]
        ),
        .target(name: "GongMockTesting", dependencies: ["GongMock", "OAuth", "HTTPServer", "CryptoPrimitives", "Essentials"]),
        .executableTarget(
            name: "gong-mock",
            dependencies: [
                "GongMock", "MCP", "OAuth", "HTTPServer", "Essentials",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: releaseLinkerSettings
        ),

        .testTarget(name: "EssentialsTests", dependencies: ["Essentials"]),
        .testTarget(name: "CryptoPrimitivesTests", dependencies: ["CryptoPrimitives"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "CryptoPrimitives"]),
        .testTarget(name: "OAuthTests", dependencies: ["OAuth", "HTTPServer", "CryptoPrimitives", "Essentials"]),
        .testTarget(name: "MCPTests", dependencies: ["MCP", "HTTPServer", "Essentials"]),
        .testTarget(name: "GongMockTests", dependencies: ["GongMock", "GongMockTesting"]),
        .testTarget(name: "GongMockTestingTests", dependencies: ["GongMockTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
