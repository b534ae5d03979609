/// Believes a reverse proxy's `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-For`
/// (the de-facto headers that RFC 7239 `Forwarded` standardises) about the original request:
/// the scheme becomes `context.isSecure`, the host replaces the `Host` field (RFC 9110 §7.2) that
/// later checks read, the first `X-Forwarded-For` address becomes the remote address logs show.
///
/// Install it only when a proxy you run sits in front and overwrites these headers; otherwise any
/// client could claim to have arrived over HTTPS or from another host. Without this middleware
/// the headers are ignored. It never changes URLs an application builds from its configured
/// public URL. With several proxies the first (client-facing) value of each list wins.
/// A malformed value is a 400 naming the header, not a guess.
public struct ForwardedHeadersMiddleware: HTTPMiddleware {
    public init() {}

    public func handle(_ request: HTTPRequest, context: RequestContext, next: any HTTPResponder) throws -> HTTPResponse {
        var request = request
        var context = context
        if let proto = Self.first(request.headers, "X-Forwarded-Proto") {
            switch proto.lowercased() {
            case "https": context.isSecure = true
            case "http": context.isSecure = false
            default: return Self.refusal("X-Forwarded-Proto must be http or https, got '\(Self.shown(proto))'")
            }
        }
        if let host = Self.first(request.headers, "X-Forwarded-Host") {
            guard Self.isHostAndPort(host) else {
                return Self.refusal("X-Forwarded-Host must be host or host:port, got '\(Self.shown(host))'")
            }
            request.headers.replaceOrAdd("Host", host)
        }
        if let client = Self.first(request.headers, "X-Forwarded-For") {
            guard client.utf8.count <= 64, client.utf8.allSatisfy({ Self.isAddressByte($0) }) else {
                return Self.refusal("X-Forwarded-For must list IP addresses, got '\(Self.shown(client))'")
            }
            context.remoteAddress = "\(client) via \(context.remoteAddress)"
        }
        return try next.respond(to: request, context: context)
    }

    /// The first element of a comma-separated header, trimmed; nil when absent or empty.
    static func first(_ headers: HTTPHeaders, _ name: String) -> String? {
        guard let value = headers.listValues(name).first, !value.isEmpty else { return nil }
        return value
    }

    /// `reg-name` or IPv4 (letters, digits, `-._~`) or an `[IP-literal]`, then an optional `:port`
    /// (RFC 3986 §3.2.2–3.2.3), at most 255 bytes.
    static func isHostAndPort(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        guard !bytes.isEmpty, bytes.count <= 255 else { return false }
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = bytes[bytes.index(after: bytes.startIndex)..<close]
            guard !literal.isEmpty, literal.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else { return false }
            bytes = bytes[bytes.index(after: close)...]
        } else {
            let end = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.endIndex
            let name = bytes[..<end]
            guard !name.isEmpty, name.allSatisfy({ isNameByte($0) }) else { return false }
            bytes = bytes[end...]
        }
        guard let colon = bytes.first else { return true }
        let port = bytes.dropFirst()
        return colon == UInt8(ascii: ":") && (1...5).contains(port.count) && port.allSatisfy { (48...57).contains($0) }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }

    /// IPv4/IPv6 text (and the `unknown` or `_obfuscated` identifiers RFC 7239 §6 allows).
    private static func isAddressByte(_ byte: UInt8) -> Bool {
        isNameByte(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
    }

    /// At most 64 characters of a refused value, control characters dropped, for the message.
    private static func shown(_ value: String) -> String {
        String(value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(64).map(Character.init))
    }

    private static func refusal(_ reason: String) -> HTTPResponse {
        .text("Bad Request: \(reason) (this server trusts the proxy's X-Forwarded-* headers: --trust-proxy).\n", status: .badRequest)
    }
}
