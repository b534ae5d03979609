import COpenSSL
import Synchronization

/// Signs SHA-256 digests with one private key through `EVP_PKEY_sign`: the signature half of
/// RFC 7518 §3.3 (RS256), once the caller has hashed the JWS Signing Input. (ES256 tokens sign
/// through `EVPKey.signSHA256Raw`, which skips the DER; this path still gives DER for EC keys.)
///
/// `EVP_DigestSignInit` on every signature fetches the signature implementation, exports the key
/// to its provider and allocates two contexts, which together cost about as much as the P-256
/// signature itself. `EVP_PKEY_sign` may be called any number of times on a context initialised
/// once (EVP_PKEY_sign(3)), so initialised contexts are kept here and lent out, one caller at a
/// time each; the pool grows to the number of threads that sign at once. ECDSA still draws a
/// fresh nonce from the DRBG for every signature.
///
/// `@unchecked Sendable`: the contexts are only reached through the mutex, and a lent context is
/// used by the borrowing thread alone until it is given back.
final class DigestSigner: @unchecked Sendable {
    /// More idle contexts than this are freed rather than kept (more threads than this rarely sign
    /// at the same moment).
    static let maximumIdle = 16

    /// An initialised `EVP_PKEY_CTX`; `@unchecked Sendable` as it only moves between threads
    /// through the pool, never shared.
    private struct Context: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private let key: OpaquePointer
    private let idle = Mutex<[Context]>([])

    /// `key` must outlive the signer; each context takes its own reference to it as well.
    init(key: OpaquePointer) { self.key = key }

    deinit {
        idle.withLock { contexts in
            for context in contexts { EVP_PKEY_CTX_free(context.pointer) }
            contexts = []
        }
    }

    /// The signature over `digest` (a SHA-256 digest): DER `ECDSA-Sig-Value` for EC keys,
    /// PKCS#1 v1.5 with the SHA-256 DigestInfo for RSA keys. `maximumLength` is
    /// `EVP_PKEY_get_size`.
    func sign(digest: [UInt8], maximumLength: Int) throws(CryptoError) -> [UInt8] {
        let operation = "signing"
        OpenSSLErrorQueue.clear()
        let context = try borrow(operation)
        var length = maximumLength
        var signature = [UInt8](repeating: 0, count: maximumLength)
        let status = digest.withUnsafeBufferPointer { input in
            signature.withUnsafeMutableBufferPointer { output in
                EVP_PKEY_sign(context, output.baseAddress, &length, input.baseAddress, input.count)
            }
        }
        guard status == 1 else {
            // A context whose operation failed is not trusted for the next caller.
            EVP_PKEY_CTX_free(context)
            throw .openSSL(operation)
        }
        giveBack(context)
        return length == signature.count ? signature : Array(signature.prefix(length))
    }

    private func borrow(_ operation: String) throws(CryptoError) -> OpaquePointer {
        if let context = idle.withLock({ $0.popLast() }) { return context.pointer }
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else { throw .openSSL(operation) }
        guard EVP_PKEY_sign_init(context) == 1,
              EVP_PKEY_CTX_set_signature_md(context, OpenSSLDigest.sha256.pointer) == 1 else {
            EVP_PKEY_CTX_free(context)
            throw .openSSL(operation)
        }
        return context
    }

    private func giveBack(_ context: OpaquePointer) {
        let kept = idle.withLock { contexts -> Bool in
            guard contexts.count < Self.maximumIdle else { return false }
            contexts.append(Context(pointer: context))
            return true
        }
        if !kept { EVP_PKEY_CTX_free(context) }
    }
}
