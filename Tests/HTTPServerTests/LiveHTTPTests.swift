import Testing
@testable import HTTPServer

@Suite struct LiveHTTPTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        try LiveServer.with { _, port in
            let client = try TestClient(port: port)
            for word in ["one", "two", "three"] {
                try client.send("GET /echo/\(word) HTTP/1.1\r\nHost: x\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == word)
                #expect(response.header("Connection") == nil)
                #expect(response.header("Date")?.hasSuffix("GMT") == true)
                #expect(response.header("Content-Length") == "\(word.utf8.count)")
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try LiveServer.with { _, port in
            let client = try TestClient(port: port)
            // The first answer is delayed: the later ones must still come after it.
            try client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /echo/b HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nc")
            #expect(try client.readResponse().text == "slow")
            #expect(try client.readResponse().text == "b")
            #expect(try client.readResponse().text == "c")
        }
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() throws {
        try LiveServer.with { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /echo/old HTTP/1.0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.text == "old")
            #expect(response.header("Connection") == "close")
            #expect(try client.isClosedByPeer())

            let keeper = try TestClient(port: port)
            try keeper.send("GET /echo/a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let first = try keeper.readResponse()
            #expect(first.header("Connection") == "keep-alive")
            try keeper.send("GET /echo/b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keeper.readResponse().text == "b")
        }
    }

    @Test func headHasLengthButNoBody() throws {
        try LiveServer.with { _, port in
            let client = try TestClient(port: port)
            try client.send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse(head: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "15")
            // The next response starts right after the head: no stray body bytes.
            try client.send("GET /echo/next HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "next")
        }
    }

    @Test func noContentHasNoBodyOrLength() throws {
        try LiveServer.with { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /empty HTTP/1.1\r\nHost: x\r\n\r\nGET /echo/after HTTP/1.1\r\nHost: x\r\n\r\n")
            let empty = try client.readResponse()
            #expect(empty.status == 204)
            #expect(empty.header("Content-Length") == nil)
            #expect(try client.readResponse().text == "after")
        }
    }

    @Test func chunkedRequestBodyIsDecoded() throws {
        try LiveServer.with { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\nTrailer: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.text == "Wikipedia")
        }
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() throws {
        try LiveServer.with { _, port in
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            let interim = try client.readHead()
            #expect(interim.status == 100)
            try client.send("body")
            #expect(try client.readResponse().text == "body")
        }
    }

    @Test func largeBodiesGoOutWhole() throws {
        try LiveServer.with { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\nGET /big HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().body.count == 100_000)
            #expect(try client.readResponse().body.count == 100_000)
        }
    }

    @Test func handlerErrorsRender() throws {
        try LiveServer.with { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 500)
            try client.send("GET /teapot HTTP/1.1\r\nHost: x\r\n\r\n")
            let teapot = try client.readResponse()
            #expect(teapot.status == 418)
            #expect(teapot.text == "short and stout\n")
            try client.send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 404)
        }
    }

    @Test func unexpectedErrorsFromARawResponderAre500() throws {
        let responder = ClosureResponder { _, _ in throw LiveServer.SomeFailure() }
        try LiveServer.with(responder: responder) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 500)
        }
    }

    @Test func contextCarriesPeerAndConnection() throws {
        try LiveServer.with { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /context HTTP/1.1\r\nHost: x\r\n\r\n")
            let text = try client.readResponse().text
            #expect(text.hasPrefix("127.0.0.1:"))
            #expect(text.contains("secure=false"))
        }
    }

    @Test func halfClosedClientStillGetsItsAnswers() throws {
        try LiveServer.with { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /echo/a HTTP/1.1\r\nHost: x\r\n\r\nGET /echo/b HTTP/1.1\r\nHost: x\r\n\r\n")
            client.shutdownWrite()
            #expect(try client.readResponse().text == "a")
            #expect(try client.readResponse().text == "b")
            #expect(try client.isClosedByPeer())
        }
    }

    @Test func ipv6Loopback() throws {
        do {
            try LiveServer.with(host: "::1") { server, port in
                #expect(server.boundAddresses == ["[::1]:\(port)"])
                let client = try TestClient(port: port, host: "::1")
                try client.send("GET /context HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try client.readResponse().text.hasPrefix("[::1]:"))
            }
        } catch HTTPServerError.invalidHost {
            // No IPv6 loopback on this machine: nothing to test.
        }
    }

    @Test func backpressureResumesWhenThePeerReads() throws {
        try LiveServer.with { _, port in
            let client = try TestClient(port: port)
            // 40 × 100 kB of answers is far past the output high-water mark and the socket
            // buffers: the server must pause, then resume as the client reads.
            try client.send(String(repeating: "GET /big HTTP/1.1\r\nHost: x\r\n\r\n", count: 40) + "GET /echo/last HTTP/1.1\r\nHost: x\r\n\r\n")
            for _ in 0..<40 { #expect(try client.readResponse().body.count == 100_000) }
            #expect(try client.readResponse().text == "last")
        }
    }

    @Test func handlerCanAskToClose() throws {
        var router = LiveServer.defaultRouter()
        router.get("/bye") { _, _ in .text("bye", headers: ["Connection": "close"]) }
        try LiveServer.with(responder: router) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /bye HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(try client.isClosedByPeer())
        }
    }
}
