#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import HTTPServer

/// TLS over loopback, spoken to by `openssl s_client` (bounded by `timeout`), so the handshake
/// is checked against a client nobody here wrote.
@Suite struct LiveTLSTests {
    static let opensslAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")

    /// Runs `openssl s_client` with `input`, returning its stdout.
    static func sClient(port: Int, input: String, extra: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["10", "/usr/bin/openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-quiet", "-ign_eof",
                             "-servername", "localhost"] + extra
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }

    @Test(.enabled(if: opensslAvailable))
    func handshakeAndRequestsOverTLS() throws {
        let tls = try TLSConfiguration.selfSigned()
        try LiveServer.with(tls: tls) { _, port in
            let output = try Self.sClient(port: port, input: "GET /context HTTP/1.1\r\nHost: x\r\n\r\nGET /echo/two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(output.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(output.contains("secure=true"))
            #expect(output.hasSuffix("\r\n\r\ntwo"))
        }
    }

    @Test(.enabled(if: opensslAvailable))
    func tls11IsRefused() throws {
        let tls = try TLSConfiguration.selfSigned()
        try LiveServer.with(tls: tls) { _, port in
            let output = try Self.sClient(port: port, input: "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", extra: ["-tls1_1"])
            #expect(!output.contains("200 OK"))
            // The server keeps serving modern clients.
            #expect(try Self.sClient(port: port, input: "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").contains("200 OK"))
        }
    }

    @Test func plaintextOnTheTLSPortIsDroppedAndServingContinues() throws {
        let tls = try TLSConfiguration.selfSigned()
        var limits = HTTPLimits.default
        limits.headerTimeout = .milliseconds(300)
        try LiveServer.with(limits: limits, tls: tls) { _, port in
            let plain = try TestClient(port: port)
            try plain.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try plain.readToEnd()
            // A client that connects and never starts the handshake is dropped by the header timeout.
            let silent = try TestClient(port: port)
            #expect(try silent.readToEnd().isEmpty)
        }
    }

    @Test func badKeyMaterialIsAClearError() throws {
        let good = try TLSConfiguration.selfSigned()
        let other = try TLSConfiguration.selfSigned()
        let mismatched = TLSConfiguration(certificateChainPEM: good.certificateChainPEM, privateKeyPEM: other.privateKeyPEM)
        let server = HTTPServer(configuration: HTTPServerConfiguration(port: 0, tls: mismatched), responder: Router(), logger: .init(category: "t"))
        #expect(throws: HTTPServerError.self) { try server.start() }
        let garbage = HTTPServer(configuration: HTTPServerConfiguration(port: 0, tls: TLSConfiguration(certificateChainPEM: "nope", privateKeyPEM: "nope")),
                                 responder: Router(), logger: .init(category: "t"))
        #expect(throws: HTTPServerError.self) { try garbage.start() }
    }
}
