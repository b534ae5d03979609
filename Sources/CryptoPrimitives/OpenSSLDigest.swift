import COpenSSL

/// The SHA-256 implementation fetched once from the default provider.
///
/// OpenSSL 3 resolves `EVP_sha256()` by name on every use (an implicit fetch behind a lock);
/// fetching it once keeps hashing and signing off that path. The object lives for the process,
/// and OpenSSL documents fetched algorithms as safe to share between threads.
final class OpenSSLDigest: @unchecked Sendable {
    let pointer: OpaquePointer

    private init(pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_MD_free(pointer) }

    static let sha256: OpenSSLDigest = {
        if let fetched = EVP_MD_fetch(nil, "SHA256", nil) { return OpenSSLDigest(pointer: fetched) }
        // Without SHA-256 nothing in this module can work; the default provider always has it.
        fatalError("OpenSSL default provider has no SHA-256: \(OpenSSLErrorQueue.drain())")
    }()
}
