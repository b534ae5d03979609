#if canImport(Glibc)
import Glibc
#endif
import Essentials
import Foundation
import Testing

/// The `gong-mock` executable as a subprocess: ready file, health check, busy port, signals.
/// Skipped when the binary has not been built next to the tests.
@Suite struct GongMockCLITests {
    static let binary: URL? = {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        let candidates = [bundleDirectory, bundleDirectory.deletingLastPathComponent()].map { $0.appendingPathComponent("gong-mock") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func launch(_ arguments: [String], stderr: Pipe = Pipe()) throws -> Process {
        let process = Process()
        guard let binary else { throw TestClientError(description: "gong-mock binary not built") }
        process.executableURL = binary
        process.arguments = arguments
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Reads standard error until the banner's "ready" line (bounded by the pipe closing).
    static func waitForBanner(_ pipe: Pipe) -> Bool {
        var seen = ""
        while true {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { return false }
            seen += String(decoding: data, as: UTF8.self)
            if seen.contains("Stop with Ctrl-C") { return true }
        }
    }

    @Test(.enabled(if: binary != nil))
    func readyFileHealthBusyPortAndSignal() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gong-mock-cli-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let readyPath = directory.appendingPathComponent("ready.json").path
        let stderr = Pipe()
        let server = try Self.launch(["serve", "--port", "0", "--ready-file", readyPath], stderr: stderr)
        defer { if server.isRunning { server.terminate() } }
        #expect(Self.waitForBanner(stderr))

        let ready = try JSONParser.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: readyPath))))
        let port = try #require(ready["port"]?.intValue)
        #expect(ready["baseURL"]?.stringValue == "http://127.0.0.1:\(port)")
        #expect(ready["mcpURL"]?.stringValue == "http://127.0.0.1:\(port)/mcp")
        #expect((ready["adminToken"]?.stringValue?.count ?? 0) >= 32)
        #expect(ready["adminLoginURL"]?.stringValue?.hasPrefix("http://127.0.0.1:\(port)/admin/login?token=") == true)
        // It holds the admin token: owner-only.
        let attributes = try FileManager.default.attributesOfItem(atPath: readyPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(ready["pid"]?.intValue == Int(server.processIdentifier))
        // Build facts (BuildInfo): which build, OpenSSL and SQLite answered.
        #expect(ready["version"]?.stringValue?.isEmpty == false && ready["commit"]?.stringValue?.isEmpty == false)
        #expect(ready["openssl"]?.stringValue?.hasPrefix("OpenSSL 3") == true)
        #expect(ready["sqlite"]?.stringValue?.hasPrefix("3.") == true)

        let client = try TestClient(port: port)
        try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        let health = try client.readResponse()
        #expect(health.status == 200)
        #expect(health.text == #"{"status":"ok"}"#)

        let busyError = Pipe()
        let busy = try Self.launch(["serve", "--port", "\(port)"], stderr: busyError)
        busy.waitUntilExit()
        #expect(busy.terminationStatus == 2)
        let message = String(decoding: busyError.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("already in use"))
        #expect(message.split(separator: "\n").count == 1)

        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }

    @Test(.enabled(if: binary != nil))
    func badFlagsExitWithTwo() throws {
        for arguments in [["serve", "--port", "70000"], ["--no-such-flag"], ["serve", "--log-format", "xml"],
                          ["serve", "--refresh-token-ttl", "0"], ["serve", "--grant-retention", "-1"]] {
            let stderr = Pipe()
            let process = try Self.launch(arguments, stderr: stderr)
            process.waitUntilExit()
            #expect(process.terminationStatus == 2, "\(arguments)")
            let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(message.hasPrefix("gong-mock: "))
        }
    }

    @Test(.enabled(if: binary != nil))
    func versionPrintsTheBuildFacts() throws {
        let process = Process()
        process.executableURL = try #require(Self.binary)
        process.arguments = ["--version"]
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        let text = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("gong-mock ") == true)
        #expect(lines.dropFirst().map { String($0.prefix(while: { $0 != ":" })) } == ["commit", "built", "swift", "openssl", "sqlite"])
        #expect(text.contains("openssl: OpenSSL 3."))
    }
}
