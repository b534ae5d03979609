/// Chunked request bodies (RFC 9112 §7.1) and the parser's refusals.
extension HTTPRequestParser {
    /// chunk-size [ chunk-ext ] CRLF, where chunk-size = 1*HEXDIG. Extensions are ignored
    /// (RFC 9112 §7.1.1) but must not carry control bytes; the last chunk (size 0) leads to
    /// the trailer section.
    mutating func parseChunkSizeLine(lineFeed: Int) throws(HTTPParseError) {
        let start = cursor
        let maxBody = limits.maxBodyBytes
        let received = body.count
        let size: Int = try buffer.withUnsafeBufferPointer { (bytes) throws(HTTPParseError) in
            let endsWithCR = lineFeed > start && bytes[lineFeed - 1] == HTTPGrammar.cr
            let end = endsWithCR ? lineFeed - 1 : lineFeed
            if end - start > Self.maxChunkLineBytes { throw Self.chunkLineTooLong }
            guard endsWithCR else { throw Self.bareLineFeed }
            var index = start
            var size = 0
            var tooLarge = false
            while index < end, let digit = HTTPGrammar.hexValue(bytes[index]) {
                if size > (Int.max - digit) / 16 { tooLarge = true } else { size = size * 16 + digit }
                index += 1
            }
            guard index > start else { throw Self.invalidChunkSize }
            while index < end, bytes[index] == HTTPGrammar.space || bytes[index] == HTTPGrammar.tab { index += 1 }
            if index < end {
                guard bytes[index] == HTTPGrammar.semicolon else { throw Self.invalidChunkSize }
                for offset in index..<end where !HTTPGrammar.isFieldValueByte(bytes[offset]) {
                    throw HTTPParseError.bad("control character in a chunk extension")
                }
            }
            if tooLarge || size > maxBody - received { throw Self.bodyTooLarge(limits) }
            return size
        }
        if size == 0 {
            headerBytes = 0
            headerCount = 0
            state = .trailers
        } else {
            state = .chunkData(remaining: size)
        }
    }

    static var invalidMethod: HTTPParseError { .bad("invalid character in request method (RFC 9110 §9: methods are tokens)") }
    static var bareLineFeed: HTTPParseError { .bad("line ends with a bare LF; HTTP lines end with CRLF (RFC 9112 §2.2)") }
    static var invalidChunkSize: HTTPParseError { .bad("invalid chunk size in chunked body (RFC 9112 §7.1)") }
    static var chunkLineTooLong: HTTPParseError { .bad("chunk size line longer than \(maxChunkLineBytes) bytes") }
    static var missingChunkTerminator: HTTPParseError { .bad("chunk data not followed by CRLF (RFC 9112 §7.1)") }

    static func requestLineTooLong(_ limits: HTTPLimits) -> HTTPParseError {
        HTTPParseError(.uriTooLong, "request line longer than \(limits.maxRequestLineBytes) bytes")
    }

    static func headerBlockTooLarge(_ limits: HTTPLimits) -> HTTPParseError {
        HTTPParseError(.requestHeaderFieldsTooLarge, "header block larger than \(limits.maxHeaderBytes) bytes")
    }

    static func trailersTooLarge(_ limits: HTTPLimits) -> HTTPParseError {
        HTTPParseError(.requestHeaderFieldsTooLarge, "trailer section larger than \(limits.maxHeaderBytes) bytes")
    }

    static func bodyTooLarge(_ limits: HTTPLimits) -> HTTPParseError {
        HTTPParseError(.contentTooLarge, "request body larger than \(limits.maxBodyBytes) bytes")
    }
}
