import Essentials
import Foundation
import HTTPServer
import Testing
@testable import GongMock

/// `BuildInfo`: one version for the binary and `scripts/package` (the VERSION file), and the
/// build facts in `/healthz?verbose` (the ready file and `--version` are checked on the binary).
@Suite struct BuildInfoTests {
    typealias H = GongMockHarness

    @Test func versionMatchesTheVersionFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("VERSION"), encoding: .utf8)
        #expect(file.trimmingCharacters(in: .whitespacesAndNewlines) == BuildInfo.releaseVersion)
        #expect(BuildInfo.current.versionText.hasPrefix("gong-mock \(BuildInfo.releaseVersion)\n"))
    }

    @Test func runtimeLibrariesAreAskedNotAssumed() {
        let info = BuildInfo.current
        #expect(info.openSSL.hasPrefix("OpenSSL 3."))
        #expect(info.sqlite.split(separator: ".").count == 3)
        // A plain `swift build` has no build facts; scripts/package passes them (-Xcc -D…).
        #expect(!info.commit.isEmpty && !info.buildDate.isEmpty && !info.swift.isEmpty)
    }

    @Test func healthzStaysConstantAndVerboseAddsTheBuildFacts() throws {
        let harness = try H()
        #expect(H.bodyText(harness.send(.get, "/healthz")) == #"{"status":"ok"}"#)
        for target in ["/healthz?verbose", "/healthz?verbose=1"] {
            let verbose = H.json(harness.send(.get, target))
            #expect(verbose["status"]?.stringValue == "ok")
            #expect(verbose["version"]?.stringValue == BuildInfo.releaseVersion)
            #expect(verbose["commit"]?.stringValue == BuildInfo.current.commit)
            #expect(verbose["openssl"]?.stringValue == BuildInfo.current.openSSL)
            #expect(verbose["sqlite"]?.stringValue == BuildInfo.current.sqlite)
            #expect(verbose["swift"]?.stringValue == BuildInfo.current.swift)
        }
        #expect(H.bodyText(harness.send(.get, "/healthz?other")) == #"{"status":"ok"}"#)
    }
}
