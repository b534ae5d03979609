import CBuildFacts
import CryptoPrimitives
import CSQLite
import Essentials

/// What a binary is and runs with: for `gong-mock --version`, the ready file and
/// `GET /healthz?verbose`, so a CI log says which build answered. The version is the repository's
/// `VERSION` file (a test keeps the two equal); commit, build date and Swift version come from
/// `scripts/package` (see `CBuildFacts`), "unknown" in a plain `swift build`. OpenSSL and SQLite
/// are asked at run time: with shared libraries they are the host's, not the build machine's.
public struct BuildInfo: Sendable, Equatable {
    /// Keep equal to the `VERSION` file (checked by `BuildInfoTests`).
    public static let releaseVersion = "0.1.0"

    public var version: String
    public var commit: String
    public var buildDate: String
    public var swift: String
    public var openSSL: String
    public var sqlite: String

    public static let current = BuildInfo(
        version: releaseVersion,
        commit: text(CBuildFacts_commit()) ?? "unknown",
        buildDate: text(CBuildFacts_date()) ?? "unknown",
        swift: text(CBuildFacts_swift()) ?? compilerVersion,
        openSSL: OpenSSLLibrary.version,
        sqlite: sqlite3_libversion().map { String(cString: $0) } ?? "unknown")

    public init(version: String, commit: String, buildDate: String, swift: String, openSSL: String, sqlite: String) {
        self.version = version
        self.commit = commit
        self.buildDate = buildDate
        self.swift = swift
        self.openSSL = openSSL
        self.sqlite = sqlite
    }

    /// `gong-mock --version`: the version on the first line (what scripts compare), then one fact a line.
    public var versionText: String {
        """
        gong-mock \(version)
        commit:  \(commit)
        built:   \(buildDate)
        swift:   \(swift)
        openssl: \(openSSL)
        sqlite:  \(sqlite)
        """
    }

    /// The fields the ready file and `/healthz?verbose` carry.
    public var jsonFields: [(String, JSONValue)] {
        [("version", .string(version)), ("commit", .string(commit)), ("buildDate", .string(buildDate)),
         ("swift", .string(swift)), ("openssl", .string(openSSL)), ("sqlite", .string(sqlite))]
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        let value = String(cString: pointer)
        return value.isEmpty ? nil : value
    }

    /// The language version the compiler reports, when the build did not pass the toolchain's own words.
    private static var compilerVersion: String {
        #if compiler(>=6.4)
        return "6.4 or later"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }
}
