#if canImport(Glibc)
import Glibc
#endif

/// The certificate chain and private key the server presents over TLS (PEM text).
public struct TLSConfiguration: Sendable, Equatable {
    /// The leaf certificate first, then any intermediates.
    public var certificateChainPEM: String
    public var privateKeyPEM: String

    public init(certificateChainPEM: String, privateKeyPEM: String) {
        self.certificateChainPEM = certificateChainPEM
        self.privateKeyPEM = privateKeyPEM
    }

    /// Reads a certificate chain and a key from PEM files (`--tls-cert`, `--tls-key`).
    public static func files(certificatePath: String, privateKeyPath: String) throws(HTTPServerError) -> TLSConfiguration {
        TLSConfiguration(certificateChainPEM: try readText(certificatePath, what: "certificate"),
                         privateKeyPEM: try readText(privateKeyPath, what: "private key"))
    }

    static func readText(_ path: String, what: String) throws(HTTPServerError) -> String {
        guard let file = fopen(path, "rb") else {
            throw HTTPServerError.tls("cannot read \(what) file \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
            if count < chunk.count { break }
            if bytes.count > 1024 * 1024 { throw HTTPServerError.tls("\(what) file \(path) is larger than 1 MiB") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
