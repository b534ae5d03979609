/// A complete, parsed HTTP request (RFC 9112 §3), body included.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request-target exactly as received (origin-form: path plus optional `?query`).
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(method: HTTPMethod, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The path part of the target, still percent-encoded.
    public var path: String {
        if let mark = queryMark { return String(target.utf8[..<mark]) ?? target }
        return target
    }

    /// The raw query string after `?`, or nil when the target has none.
    public var query: String? {
        guard let mark = queryMark else { return nil }
        return String(target.utf8[target.utf8.index(after: mark)...])
    }

    /// The first `?` byte. Searched in UTF-8, not by Character: a combining mark right after `?`
    /// forms one grapheme with it and would hide it (found by the oauth-forms fuzz target).
    /// Over the contiguous bytes: the view's own search was a visible share of every request.
    private var queryMark: String.Index? {
        var bytes = target
        guard let offset = bytes.withUTF8({ $0.firstIndex(of: UInt8(ascii: "?")) }) else { return nil }
        return target.utf8.index(target.utf8.startIndex, offsetBy: offset)
    }

    /// Query parameters, percent-decoded, in order (`+` means space, as in forms).
    public var queryItems: [(name: String, value: String)] {
        guard let query else { return [] }
        return URLEncodedForm.parse(query)
    }

    public func queryValue(_ name: String) -> String? { queryItems.first(where: { $0.name == name })?.value }

    /// Whether the connection should stay open after this request (RFC 9112 §9.3).
    public var keepAlive: Bool {
        let tokens = headers.listValues("Connection").map { $0.lowercased() }
        if version == .http1_0 { return tokens.contains("keep-alive") }
        return !tokens.contains("close")
    }

    /// The media type of the body without parameters, lowercased (`application/json`).
    public var mediaType: String? {
        guard let value = headers["Content-Type"] else { return nil }
        // Already bare lowercase ASCII (what clients send): no splitting or case mapping to pay for.
        var bytes = value
        let bare = bytes.withUTF8 { utf8 in
            !utf8.isEmpty && utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t")
                                                && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
        }
        if bare { return value }
        let type = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingHTTPWhitespace() } ?? ""
        return type.isEmpty ? nil : type.lowercased()
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// The HTTP version of a message. Only 1.0 and 1.1 are served.
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)
    public var description: String { "HTTP/\(major).\(minor)" }
}
