#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 socket address, resolved from `--host` and `--port`.
struct SocketAddress: Sendable, CustomStringConvertible {
    var storage: sockaddr_storage
    var length: socklen_t

    var family: Int32 { Int32(storage.ss_family) }

    /// The numeric addresses a host names (`127.0.0.1`, `::1`, `::`, `localhost`), via getaddrinfo
    /// with `AI_PASSIVE` so an empty host means every interface.
    static func resolve(host: String, port: Int) throws(HTTPServerError) -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let literal = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let status = getaddrinfo(literal.isEmpty ? nil : literal, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw HTTPServerError.invalidHost(host: host, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var addresses: [SocketAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let raw = entry.pointee.ai_addr, entry.pointee.ai_family == AF_INET || entry.pointee.ai_family == AF_INET6 {
                var storage = sockaddr_storage()
                let length = entry.pointee.ai_addrlen
                withUnsafeMutableBytes(of: &storage) { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: Int(length)))
                }
                let address = SocketAddress(storage: storage, length: length)
                if !addresses.contains(where: { $0.description == address.description }) { addresses.append(address) }
            }
            cursor = entry.pointee.ai_next
        }
        guard !addresses.isEmpty else { throw HTTPServerError.invalidHost(host: host, reason: "no IPv4 or IPv6 address") }
        return addresses
    }

    var port: Int {
        get {
            withUnsafeBytes(of: storage) { raw in
                if family == AF_INET6 {
                    return Int(UInt16(bigEndian: raw.load(fromByteOffset: MemoryLayout<sockaddr_in6>.offset(of: \sockaddr_in6.sin6_port) ?? 2, as: UInt16.self)))
                }
                return Int(UInt16(bigEndian: raw.load(fromByteOffset: MemoryLayout<sockaddr_in>.offset(of: \sockaddr_in.sin_port) ?? 2, as: UInt16.self)))
            }
        }
        set {
            let value = UInt16(truncatingIfNeeded: newValue).bigEndian
            let family = self.family
            withUnsafeMutableBytes(of: &storage) { raw in
                let offset = family == AF_INET6
                    ? MemoryLayout<sockaddr_in6>.offset(of: \sockaddr_in6.sin6_port) ?? 2
                    : MemoryLayout<sockaddr_in>.offset(of: \sockaddr_in.sin_port) ?? 2
                raw.storeBytes(of: value, toByteOffset: offset, as: UInt16.self)
            }
        }
    }

    /// The numeric host without port (`127.0.0.1`, `::1`).
    var hostText: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = self.family
        let converted: UnsafePointer<CChar>? = withUnsafeBytes(of: storage) { raw in
            let offset = family == AF_INET6
                ? MemoryLayout<sockaddr_in6>.offset(of: \sockaddr_in6.sin6_addr) ?? 8
                : MemoryLayout<sockaddr_in>.offset(of: \sockaddr_in.sin_addr) ?? 4
            return inet_ntop(family, raw.baseAddress.map { $0 + offset }, &text, socklen_t(text.count))
        }
        guard converted != nil else { return "?" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `127.0.0.1:8080` or `[::1]:8080`.
    var description: String {
        family == AF_INET6 ? "[\(hostText)]:\(port)" : "\(hostText):\(port)"
    }

    /// The local address a socket is bound to.
    static func local(of fd: Int32) throws(SystemCallError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        try SystemCall.blocking("getsockname") {
            withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
        }
        return SocketAddress(storage: storage, length: length)
    }
}
