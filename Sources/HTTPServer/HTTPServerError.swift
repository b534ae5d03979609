/// Why the server could not start. Each case reads as one line for the CLI.
public enum HTTPServerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another process listens on this address and port.
    case addressInUse(host: String, port: Int)
    /// The port needs privileges (below 1024) or the address is not ours.
    case permissionDenied(host: String, port: Int)
    /// The host does not resolve to a local IPv4/IPv6 address.
    case invalidHost(host: String, reason: String)
    /// TLS could not be set up (certificate, key, OpenSSL).
    case tls(String)
    /// The server was started twice or after shutdown.
    case invalidState(String)
    /// Any other failed system call.
    case system(SystemCallError)

    public var description: String {
        switch self {
        case .addressInUse(let host, let port):
            return "address \(Self.join(host, port)) is already in use; stop the other server or pick another --port (0 = any free port)"
        case .permissionDenied(let host, let port):
            return "permission denied binding \(Self.join(host, port)); ports below 1024 need privileges"
        case .invalidHost(let host, let reason):
            return "cannot listen on host \"\(host)\": \(reason)"
        case .tls(let reason):
            return "TLS setup failed: \(reason)"
        case .invalidState(let reason):
            return reason
        case .system(let error):
            return "server start failed: \(error)"
        }
    }

    static func join(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
