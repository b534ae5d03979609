/// Request line and field lines (RFC 9112 §3, §5) and the framing decision (§6.3).
extension HTTPRequestParser {
    /// While the request line is incomplete: refuse an invalid method or an overlong line
    /// before its end arrives. Checks run in the same order as `parseRequestLine`, so the
    /// error does not depend on how the bytes were split.
    ///
    /// The method is checked only within the first `maxRequestLineBytes + 2` bytes: a byte-by-byte
    /// feed reaches the length limit there, so a bad byte further on must not win over 414 when
    /// the same bytes arrive at once (a split-dependence found by fuzzing).
    mutating func checkPartialRequestLine() throws(HTTPParseError) {
        let end = buffer.count
        let scanEnd = min(end, cursor + limits.maxRequestLineBytes + 2)
        var index = cursor
        while index < scanEnd {
            let byte = buffer[index]
            if byte == HTTPGrammar.space { break }
            if byte == HTTPGrammar.cr && index == end - 1 { break }
            guard HTTPGrammar.isTokenChar(byte) else { throw Self.invalidMethod }
            index += 1
        }
        let buffered = end - cursor
        // A CR as the last byte of the scanned window may start the line's CRLF (then the line is
        // too long: 414) or be a stray byte inside the method (then `parseRequestLine` says 400):
        // only the next byte tells which, so wait for it (a second split-dependence found by fuzzing).
        let crEndsTheWindow = buffered == limits.maxRequestLineBytes + 2 && buffer[end - 1] == HTTPGrammar.cr
        if buffered > limits.maxRequestLineBytes + 1 && !crEndsTheWindow { throw Self.requestLineTooLong(limits) }
    }

    /// request-line = method SP request-target SP HTTP-version (RFC 9112 §3).
    mutating func parseRequestLine(lineFeed: Int) throws(HTTPParseError) {
        let start = cursor
        let parsed: (HTTPMethod, String, HTTPVersion) = try buffer.withUnsafeBufferPointer { (bytes) throws(HTTPParseError) in
            var index = start
            // Same bound as `checkPartialRequestLine`, so the error does not depend on the split.
            let scanEnd = min(lineFeed, start + limits.maxRequestLineBytes + 2)
            while index < scanEnd, bytes[index] != HTTPGrammar.space {
                guard HTTPGrammar.isTokenChar(bytes[index]) || (bytes[index] == HTTPGrammar.cr && index == lineFeed - 1) else {
                    throw Self.invalidMethod
                }
                index += 1
            }
            let endsWithCR = lineFeed > start && bytes[lineFeed - 1] == HTTPGrammar.cr
            let end = endsWithCR ? lineFeed - 1 : lineFeed
            if end - start > limits.maxRequestLineBytes { throw Self.requestLineTooLong(limits) }
            guard endsWithCR else { throw Self.bareLineFeed }
            let methodEnd = index
            guard methodEnd > start, methodEnd < end else { throw HTTPParseError.bad("malformed request line: expected \"METHOD /target HTTP/1.1\"") }
            let targetStart = methodEnd + 1
            var targetEnd = targetStart
            while targetEnd < end, bytes[targetEnd] != HTTPGrammar.space {
                guard HTTPGrammar.isTargetByte(bytes[targetEnd]) else { throw HTTPParseError.bad("invalid character in request target") }
                targetEnd += 1
            }
            guard targetEnd > targetStart, targetEnd < end else { throw HTTPParseError.bad("malformed request line: expected \"METHOD /target HTTP/1.1\"") }
            let version = try Self.parseVersion(bytes, targetEnd + 1, end)
            let method = Self.makeMethod(bytes, start, methodEnd)
            let target = String(decoding: UnsafeBufferPointer(rebasing: bytes[targetStart..<targetEnd]), as: UTF8.self)
            return (method, target, version)
        }
        (method, target, version) = parsed
    }

    /// HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3). 1.0 and 1.1 are served; any other
    /// well-formed version gets 505.
    static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(HTTPParseError) -> HTTPVersion {
        guard end - start == 8,
              bytes[start] == 0x48, bytes[start + 1] == 0x54, bytes[start + 2] == 0x54, bytes[start + 3] == 0x50,
              bytes[start + 4] == 0x2F, bytes[start + 6] == 0x2E,
              (0x30...0x39).contains(bytes[start + 5]), (0x30...0x39).contains(bytes[start + 7])
        else { throw HTTPParseError.bad("malformed HTTP version in request line") }
        let major = Int(bytes[start + 5] - 0x30), minor = Int(bytes[start + 7] - 0x30)
        guard major == 1, minor <= 1 else {
            throw HTTPParseError(.httpVersionNotSupported, "HTTP/\(major).\(minor) is not supported; use HTTP/1.1")
        }
        return minor == 1 ? .http1_1 : .http1_0
    }

    static func makeMethod(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> HTTPMethod {
        let length = end - start
        if length == 3, bytes[start] == 0x47, bytes[start + 1] == 0x45, bytes[start + 2] == 0x54 { return .get }
        if length == 4, bytes[start] == 0x50, bytes[start + 1] == 0x4F, bytes[start + 2] == 0x53, bytes[start + 3] == 0x54 { return .post }
        return HTTPMethod(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
    }

    /// field-line = field-name ":" OWS field-value OWS (RFC 9112 §5). Returns true for the empty
    /// line that ends the section. Trailer fields (`store == false`) are checked and dropped.
    mutating func parseFieldLine(lineFeed: Int, store: Bool) throws(HTTPParseError) -> Bool {
        let start = cursor
        let field: (name: String, value: String)? = try buffer.withUnsafeBufferPointer { (bytes) throws(HTTPParseError) in
            guard lineFeed > start, bytes[lineFeed - 1] == HTTPGrammar.cr else { throw Self.bareLineFeed }
            let end = lineFeed - 1
            if end == start { return nil }
            let first = bytes[start]
            if first == HTTPGrammar.space || first == HTTPGrammar.tab {
                throw HTTPParseError.bad("obsolete line folding in header fields is not accepted (RFC 9112 §5.2)")
            }
            var colon = start
            while colon < end, bytes[colon] != HTTPGrammar.colon {
                let byte = bytes[colon]
                if byte == HTTPGrammar.space || byte == HTTPGrammar.tab {
                    throw HTTPParseError.bad("whitespace between header field name and colon (RFC 9112 §5.1)")
                }
                guard HTTPGrammar.isTokenChar(byte) else { throw HTTPParseError.bad("invalid character in header field name") }
                colon += 1
            }
            guard colon < end else { throw HTTPParseError.bad("header field line without a colon") }
            guard colon > start else { throw HTTPParseError.bad("empty header field name") }
            var valueStart = colon + 1
            var valueEnd = end
            while valueStart < valueEnd, bytes[valueStart] == HTTPGrammar.space || bytes[valueStart] == HTTPGrammar.tab { valueStart += 1 }
            while valueEnd > valueStart, bytes[valueEnd - 1] == HTTPGrammar.space || bytes[valueEnd - 1] == HTTPGrammar.tab { valueEnd -= 1 }
            guard HTTPGrammar.areFieldValueBytes(bytes, from: valueStart, to: valueEnd) else {
                throw HTTPParseError.bad("control character (NUL, CR, LF or other) in a header field value")
            }
            guard store else { return ("", "") }
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<colon]), as: UTF8.self)
            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)
            return (name, value)
        }
        guard let field else { return true }
        headerCount += 1
        if headerCount > limits.maxHeaderCount {
            throw HTTPParseError(.requestHeaderFieldsTooLarge, "too many header fields (limit \(limits.maxHeaderCount))")
        }
        if store { headers.add(field.name, field.value) }
        return false
    }

    /// Decides how the body is framed (RFC 9112 §6.3) and moves to the body state. Returns an
    /// event when the request is complete already or the client waits for `100 Continue`.
    mutating func finishHead() throws(HTTPParseError) -> HTTPParserEvent? {
        var hostCount = 0
        var contentLengths: [String] = []
        var transferEncodings: [String] = []
        var expectation: String?
        for field in headers.fields {
            let name = field.name
            if HTTPHeaders.equalsIgnoringCase(name, "Host") {
                hostCount += 1
            } else if HTTPHeaders.equalsIgnoringCase(name, "Content-Length") {
                contentLengths.append(field.value)
            } else if HTTPHeaders.equalsIgnoringCase(name, "Transfer-Encoding") {
                transferEncodings.append(field.value)
            } else if HTTPHeaders.equalsIgnoringCase(name, "Expect") {
                expectation = field.value
            }
        }
        // RFC 9112 §3.2: a 1.1 request without exactly one Host is refused.
        if version == .http1_1 && hostCount == 0 { throw HTTPParseError.bad("missing Host header (required in HTTP/1.1, RFC 9112 §3.2)") }
        if hostCount > 1 { throw HTTPParseError.bad("more than one Host header (RFC 9112 §3.2)") }

        var chunked = false
        var length = 0
        if !transferEncodings.isEmpty {
            if version == .http1_0 { throw HTTPParseError.bad("Transfer-Encoding in an HTTP/1.0 request (RFC 9112 §6.1)") }
            if !contentLengths.isEmpty {
                throw HTTPParseError.bad("both Content-Length and Transfer-Encoding present (RFC 9112 §6.3)")
            }
            let codings = transferEncodings.flatMap { $0.split(separator: ",") }.map { $0.trimmingHTTPWhitespace().lowercased() }
            guard codings.last == "chunked" else {
                throw HTTPParseError.bad("Transfer-Encoding must end with chunked (RFC 9112 §6.3)")
            }
            if codings.dropLast().contains("chunked") { throw HTTPParseError.bad("chunked transfer coding applied more than once") }
            if let other = codings.dropLast().first {
                throw HTTPParseError(.notImplemented, "unsupported transfer coding \"\(other)\"; only chunked is accepted")
            }
            chunked = true
        } else if !contentLengths.isEmpty {
            guard contentLengths.count == 1 else { throw HTTPParseError.bad("more than one Content-Length header (RFC 9112 §6.3)") }
            length = try Self.parseContentLength(contentLengths[0], limits: limits)
        }

        var wantsContinue = false
        if let expectation {
            guard HTTPHeaders.equalsIgnoringCase(expectation, "100-continue") else {
                throw HTTPParseError(.expectationFailed, "unsupported expectation \"\(expectation)\"; only 100-continue is understood")
            }
            wantsContinue = version == .http1_1 && (chunked || length > 0)
        }

        if chunked {
            state = .chunkSize
        } else if length > 0 {
            // Trust the declared length only so far: a client that declares 1 MiB and sends
            // nothing must not make the server reserve 1 MiB per connection.
            body.reserveCapacity(min(length, 64 * 1024))
            state = .body(remaining: length)
        } else {
            return completeRequest()
        }
        headerBytes = 0
        headerCount = 0
        return wantsContinue ? .continueRequested : nil
    }

    /// Content-Length = 1*DIGIT (RFC 9110 §8.6); lists, signs and spaces are refused.
    static func parseContentLength(_ text: String, limits: HTTPLimits) throws(HTTPParseError) -> Int {
        var value = 0
        var digits = 0
        for byte in text.utf8 {
            guard byte >= 0x30 && byte <= 0x39 else {
                throw HTTPParseError.bad("invalid Content-Length \"\(text)\" (RFC 9112 §6.3)")
            }
            digits += 1
            if digits > 18 { throw bodyTooLarge(limits) }
            value = value * 10 + Int(byte - 0x30)
        }
        guard digits > 0 else { throw HTTPParseError.bad("empty Content-Length (RFC 9112 §6.3)") }
        if value > limits.maxBodyBytes { throw bodyTooLarge(limits) }
        return value
    }
}
