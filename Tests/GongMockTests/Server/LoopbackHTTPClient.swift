import Foundation
import GongMockTesting
import HTTPServer

/// A minimal blocking HTTP/1.1 client for tests against a live `GongMockServer` on loopback:
/// one request per connection (`Connection: close`), read to the end, a 5 s deadline.
struct LoopbackHTTPClient {
    struct Response {
        var status: Int
        var headers: [(String, String)]
        var body: String
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    let port: Int

    func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: String = "") throws -> Response {
        var wire = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { wire += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { wire += "Content-Length: \(body.utf8.count)\r\n" }
        wire += "\r\n" + body
        return try Self.parse(exchange(Array(wire.utf8)))
    }

    /// Sends raw bytes and returns everything the server answered until it closed (the library's
    /// socket code; this type only keeps the tests' string-bodied view of the answer).
    func exchange(_ bytes: [UInt8]) throws -> [UInt8] {
        do {
            return try GongMockHTTPClient(port: port).exchange(bytes)
        } catch {
            throw Failure(description: error.description)
        }
    }

    /// Status, headers and a body (de-chunked when chunked).
    static func parse(_ bytes: [UInt8]) throws -> Response {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "no complete head in \(text.prefix(200))") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line") }
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = String(text[split.upperBound...])
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" }) { body = dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    static func dechunk(_ body: String) -> String {
        var rest = Substring(body)
        var out = ""
        while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 {
            let start = lineEnd.upperBound
            let bytes = Array(rest[start...].utf8)
            out += String(decoding: bytes.prefix(size), as: UTF8.self)
            rest = Substring(String(decoding: bytes.dropFirst(size + 2), as: UTF8.self))
        }
        return out
    }
}
