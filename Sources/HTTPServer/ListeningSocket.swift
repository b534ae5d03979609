#if canImport(Glibc)
import Glibc
#endif

/// A bound, listening, non-blocking TCP socket. One per address, shared by every event loop
/// (each registers it with `EPOLLEXCLUSIVE`, so one idle loop is woken per connection).
/// `SO_REUSEPORT` is deliberately not set: a second server on the same port must fail with
/// "address in use", not silently share the port.
final class ListeningSocket: Sendable {
    let fd: Int32
    let address: SocketAddress

    private init(fd: Int32, address: SocketAddress) {
        self.fd = fd
        self.address = address
    }

    static func open(_ address: SocketAddress, backlog: Int32 = 1024) throws(HTTPServerError) -> ListeningSocket {
        let fd: Int32
        do {
            fd = try SystemCall.blocking("socket") {
                socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
            }
        } catch {
            throw HTTPServerError.system(error)
        }
        do {
            return try listen(fd: fd, on: address, backlog: backlog)
        } catch {
            SystemCall.close(fd)
            throw error
        }
    }

    private static func listen(fd: Int32, on address: SocketAddress, backlog: Int32) throws(HTTPServerError) -> ListeningSocket {
        do {
            try SystemCall.setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1, "setsockopt(SO_REUSEADDR)")
            if address.family == AF_INET6 {
                // `::` accepts IPv4 too (dual stack); `::1` is IPv6 only anyway.
                try SystemCall.setOption(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, 0, "setsockopt(IPV6_V6ONLY)")
            }
        } catch {
            throw HTTPServerError.system(error)
        }
        var storage = address.storage
        let bound = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, address.length) }
        }
        if bound == -1 {
            let code = errno
            switch code {
            case EADDRINUSE: throw HTTPServerError.addressInUse(host: address.hostText, port: address.port)
            case EACCES: throw HTTPServerError.permissionDenied(host: address.hostText, port: address.port)
            case EADDRNOTAVAIL: throw HTTPServerError.invalidHost(host: address.hostText, reason: "address not available on this machine")
            default: throw HTTPServerError.system(SystemCallError(operation: "bind \(address)", code: code))
            }
        }
        do {
            try SystemCall.blocking("listen") { Glibc.listen(fd, backlog) }
            return ListeningSocket(fd: fd, address: try SocketAddress.local(of: fd))
        } catch {
            throw HTTPServerError.system(error)
        }
    }

    func close() { SystemCall.close(fd) }
}
