#if canImport(Glibc)
import Glibc
#endif

/// An incremental push parser for HTTP/1.1 requests (RFC 9112).
///
/// Bytes are appended as they arrive (`append`/`feed`); `next()` returns the next event once
/// enough bytes are buffered, or nil to ask for more. Scanning resumes where it stopped, so a
/// message dripped in byte by byte costs the same as one read whole, and every split of the
/// same bytes yields the same events and the same errors. Limits are checked as bytes arrive
/// (a request line that cannot fit is refused before its end is seen). After an error the
/// parser stays failed: the connection answers the error with `Connection: close` and closes.
public struct HTTPRequestParser: Sendable {
    enum State: Sendable, Equatable {
        case requestLine
        case headers
        case body(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
    }

    public let limits: HTTPLimits
    /// Longest chunk-size line (size plus ignored extensions) accepted.
    static let maxChunkLineBytes = 4096

    var buffer: [UInt8] = []
    /// First byte not yet consumed.
    var cursor = 0
    /// Where the search for the next line feed resumes (bytes before it hold no LF).
    var scanFrom = 0
    var state: State = .requestLine
    var failure: HTTPParseError?

    var method = HTTPMethod.get
    var target = ""
    var version = HTTPVersion.http1_1
    var headers = HTTPHeaders()
    var headerBytes = 0
    var headerCount = 0
    var body: [UInt8] = []

    public init(limits: HTTPLimits = .default) { self.limits = limits }

    /// Appends received bytes. Consumed bytes are dropped first, reusing the storage.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Appends bytes and returns every event they complete. Convenience for tests and tools.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(HTTPParseError) -> [HTTPParserEvent] {
        append(bytes)
        var events: [HTTPParserEvent] = []
        while let event = try next() { events.append(event) }
        return events
    }

    /// True when part of a request has been received but not yet completed (for 408 decisions).
    public var isMidRequest: Bool { state != .requestLine || cursor < buffer.count }

    /// Bytes received and not yet consumed.
    public var bufferedByteCount: Int { buffer.count - cursor }

    /// True while a request body is being received (the head is complete).
    public var isReadingBody: Bool {
        switch state {
        case .requestLine, .headers: return false
        default: return true
        }
    }

    /// The next event, or nil when more bytes are needed.
    public mutating func next() throws(HTTPParseError) -> HTTPParserEvent? {
        if let failure { throw failure }
        do {
            return try step()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func compact() {
        if cursor == buffer.count {
            if !buffer.isEmpty { buffer.removeAll(keepingCapacity: true) }
            cursor = 0
            scanFrom = 0
        } else if cursor >= 4096 && cursor * 2 >= buffer.count {
            buffer.removeSubrange(0..<cursor)
            scanFrom -= cursor
            cursor = 0
        }
    }

    private mutating func step() throws(HTTPParseError) -> HTTPParserEvent? {
        while true {
            switch state {
            case .requestLine:
                guard let lf = findLineFeed() else {
                    try checkPartialRequestLine()
                    return nil
                }
                if lf == cursor + 1 && buffer[cursor] == HTTPGrammar.cr {
                    // RFC 9112 §2.2: ignore empty lines received before the request line.
                    cursor = lf + 1
                    continue
                }
                try parseRequestLine(lineFeed: lf)
                cursor = lf + 1
                state = .headers
            case .headers:
                guard let lf = findLineFeed() else {
                    if headerBytes + bufferedByteCount + 1 > limits.maxHeaderBytes { throw Self.headerBlockTooLarge(limits) }
                    return nil
                }
                headerBytes += lf + 1 - cursor
                if headerBytes > limits.maxHeaderBytes { throw Self.headerBlockTooLarge(limits) }
                let isEnd = try parseFieldLine(lineFeed: lf, store: true)
                cursor = lf + 1
                if isEnd, let event = try finishHead() { return event }
            case .body(let remaining):
                let take = min(remaining, bufferedByteCount)
                if take > 0 {
                    body.append(contentsOf: buffer[cursor..<(cursor + take)])
                    cursor += take
                }
                if take == remaining { return completeRequest() }
                state = .body(remaining: remaining - take)
                return nil
            case .chunkSize:
                guard let lf = findLineFeed() else {
                    if bufferedByteCount > Self.maxChunkLineBytes + 1 { throw Self.chunkLineTooLong }
                    return nil
                }
                try parseChunkSizeLine(lineFeed: lf)
                cursor = lf + 1
            case .chunkData(let remaining):
                let take = min(remaining, bufferedByteCount)
                if take > 0 {
                    body.append(contentsOf: buffer[cursor..<(cursor + take)])
                    cursor += take
                }
                if take < remaining {
                    state = .chunkData(remaining: remaining - take)
                    return nil
                }
                state = .chunkDataEnd
            case .chunkDataEnd:
                guard bufferedByteCount >= 2 else {
                    if bufferedByteCount == 1 && buffer[cursor] != HTTPGrammar.cr { throw Self.missingChunkTerminator }
                    return nil
                }
                guard buffer[cursor] == HTTPGrammar.cr, buffer[cursor + 1] == HTTPGrammar.lf else { throw Self.missingChunkTerminator }
                cursor += 2
                scanFrom = max(scanFrom, cursor)
                state = .chunkSize
            case .trailers:
                guard let lf = findLineFeed() else {
                    if headerBytes + bufferedByteCount + 1 > limits.maxHeaderBytes { throw Self.trailersTooLarge(limits) }
                    return nil
                }
                headerBytes += lf + 1 - cursor
                if headerBytes > limits.maxHeaderBytes { throw Self.trailersTooLarge(limits) }
                let isEnd = try parseFieldLine(lineFeed: lf, store: false)
                cursor = lf + 1
                if isEnd { return completeRequest() }
            }
        }
    }

    /// Index of the next LF at or after the cursor, remembering how far the search got.
    mutating func findLineFeed() -> Int? {
        let start = Swift.max(scanFrom, cursor)
        let end = buffer.count
        guard start < end else { return nil }
        let found: Int? = buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, let hit = memchr(base + start, Int32(HTTPGrammar.lf), end - start) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        if let found {
            scanFrom = found + 1
        } else {
            scanFrom = end
        }
        return found
    }

    mutating func completeRequest() -> HTTPParserEvent {
        let request = HTTPRequest(method: method, target: target, version: version, headers: headers, body: body)
        headers = HTTPHeaders()
        body = []
        target = ""
        headerBytes = 0
        headerCount = 0
        state = .requestLine
        return .request(request)
    }
}
