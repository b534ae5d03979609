#if canImport(Glibc)
import Glibc
#endif
import CryptoPrimitives
import Essentials
import HTTPServer

/// A small blocking HTTP/1.1 client for a test to talk to the mock on loopback without other
/// dependencies: one request per connection, read to the close, a 5 s socket deadline, no
/// redirects followed (an OAuth test reads the `Location` itself).
public struct GongMockHTTPClient: Sendable {
    public struct Response: Sendable {
        public let status: Int
        public let headers: HTTPHeaders
        public let body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
        /// The body as JSON, `.null` when it is not JSON.
        public var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible { public let description: String }

    public let port: Int

    public init(port: Int) { self.port = port }

    public func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) throws(Failure) -> Response {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        return try Self.parse(exchange(Array((head + "\r\n").utf8) + body))
    }

    /// `application/x-www-form-urlencoded` POST (the token endpoint).
    public func postForm(_ target: String, _ fields: [(String, String)], headers: [(String, String)] = []) throws(Failure) -> Response {
        try send("POST", target, headers: headers + [("Content-Type", "application/x-www-form-urlencoded")], body: Array(URLEncodedForm.encode(fields).utf8))
    }

    /// JSON POST.
    public func postJSON(_ target: String, _ value: JSONValue, headers: [(String, String)] = []) throws(Failure) -> Response {
        try send("POST", target, headers: headers + [("Content-Type", "application/json")], body: JSONSerializer.bytes(value))
    }

    /// Sends raw bytes on a new loopback connection and returns everything the server answered
    /// until it closed (for a test that writes its own request, e.g. a malformed one).
    public func exchange(_ request: [UInt8]) throws(Failure) -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var deadline = timeval(tv_sec: 5, tv_usec: 0)
        for option in [SO_RCVTIMEO, SO_SNDTIMEO] { setsockopt(fd, SOL_SOCKET, option, &deadline, socklen_t(MemoryLayout<timeval>.size)) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "cannot connect to 127.0.0.1:\(port): errno \(errno)") }
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw Failure(description: "send failed: errno \(errno)") }
            sent += count
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { answer += buffer[0..<count] } else if count == 0 || errno == ECONNRESET { return answer } else {
                throw Failure(description: "recv failed: errno \(errno)")
            }
        }
    }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
            throw Failure(description: "the connection closed without a complete response (\(bytes.count) bytes)")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusWords = lines.first?.split(separator: " ") ?? []
        guard statusWords.count >= 2, let status = Int(statusWords[1]) else { throw Failure(description: "bad status line") }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingHTTPWhitespace())
        }
        var body = Array(bytes[(end + 4)...])
        if headers["Transfer-Encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while let lineEnd = (index..<max(index, bytes.count - 1)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }),
              let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self), radix: 16), size > 0 {
            let start = lineEnd + 2
            out += bytes[start..<min(bytes.count, start + size)]
            index = start + size + 2
        }
        return out
    }
}

extension GongMockHTTPClient {
    /// The PKCE S256 challenge of `verifier` (RFC 7636 §4.2), for a test playing the OAuth client.
    public static func s256Challenge(_ verifier: String) -> String { PKCE.s256Challenge(verifier: verifier) }
}
