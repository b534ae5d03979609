import Testing
@testable import HTTPServer

@Suite struct LiveLimitTests {
    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let wire: String
        let status: Int
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "garbage", wire: "\u{1}\u{2}\u{3} nonsense\r\n\r\n", status: 400),
        Refusal(name: "missing Host", wire: "GET / HTTP/1.1\r\n\r\n", status: 400),
        Refusal(name: "Content-Length with Transfer-Encoding", wire: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400),
        Refusal(name: "duplicate Content-Length", wire: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", status: 400),
        Refusal(name: "obs-fold", wire: "GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n", status: 400),
        Refusal(name: "bad chunk size", wire: "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n", status: 400),
        Refusal(name: "HTTP/3.0", wire: "GET / HTTP/3.0\r\nHost: x\r\n\r\n", status: 505),
        Refusal(name: "gzip transfer coding", wire: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", status: 501),
        Refusal(name: "long request line", wire: "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n", status: 414),
        Refusal(name: "large header block", wire: "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 20000) + "\r\n\r\n", status: 431),
        Refusal(name: "too many fields", wire: "GET / HTTP/1.1\r\nHost: x\r\n" + (0..<120).map { "X-\($0): v\r\n" }.joined() + "\r\n", status: 431),
        Refusal(name: "large body", wire: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n" + String(repeating: "z", count: 100_000), status: 413),
    ]

    @Test(arguments: refusals)
    func refusedWithStatusAndCloseThenStillServing(_ refusal: Refusal) throws {
        try LiveServer.with { _, port in
            let client = try TestClient(port: port)
            try client.send(refusal.wire)
            let response = try client.readResponse()
            #expect(response.status == refusal.status)
            #expect(response.header("Connection") == "close")
            #expect(!response.text.isEmpty, "the refusal explains itself")
            #expect(try client.isClosedByPeer())

            let next = try TestClient(port: port)
            try next.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try next.readResponse().status == 200)
        }
    }

    @Test func slowHeadersGet408() throws {
        var limits = HTTPLimits.default
        limits.headerTimeout = .milliseconds(200)
        try LiveServer.with(limits: limits) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(response.header("Connection") == "close")
            #expect(try client.isClosedByPeer())
        }
    }

    @Test func idleKeepAliveClosesQuietly() throws {
        var limits = HTTPLimits.default
        limits.idleTimeout = .milliseconds(200)
        try LiveServer.with(limits: limits) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            #expect(try client.readToEnd().isEmpty, "closed without a 408")
        }
    }

    @Test func connectionCapRefusesPolitely() throws {
        var limits = HTTPLimits.default
        limits.maxConnections = 2
        try LiveServer.with(limits: limits, threads: 1) { _, port in
            let first = try TestClient(port: port)
            let second = try TestClient(port: port)
            for client in [first, second] {
                try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try client.readResponse().status == 200)
            }
            let third = try TestClient(port: port)
            let refused = try third.readResponse()
            #expect(refused.status == 503)
            #expect(refused.header("Connection") == "close")
            #expect(try third.isClosedByPeer())
            // The admitted connections keep working.
            try first.send("GET /echo/still HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try first.readResponse().text == "still")
        }
    }

    @Test func randomBytesNeverHangOrCrashTheServer() throws {
        var generator = SplitMix64(seed: 42)
        let pieces = ["GET ", "POST ", "/", " HTTP/1.1", "\r\n", "Host: x", "Content-Length: 3", "Transfer-Encoding: chunked",
                      ":", " ", "0", "ff", "\u{0}", "\u{7f}", "\r", "\n", ";", "Expect: 100-continue"]
        try LiveServer.with { _, port in
            for _ in 0..<40 {
                let count = Int(generator.next() % 24)
                let payload = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
                let client = try TestClient(port: port)
                try client.send(payload)
                client.shutdownWrite()
                // Whatever the server answers, it must end the exchange within the deadline.
                _ = try client.readToEnd()
            }
            let client = try TestClient(port: port)
            try client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
    }
}
