import COpenSSL
import Synchronization

/// Cryptographically secure random bytes from OpenSSL's DRBG (`RAND_bytes`), for tokens,
/// authorization codes, client secrets and certificate serial numbers.
public enum SecureRandom {
    /// Requests up to this size are served from `pool`.
    static let pooledLimit = 64

    /// Bytes drawn from `RAND_bytes` 4 KiB at a time and handed out once each, front to back:
    /// one DRBG call per ~100 tokens instead of one per token (each call pays OpenSSL's
    /// per-thread DRBG lookup and reseed checks). Served bytes are zeroed in the pool.
    private static let pool = Mutex(RandomPool())

    /// `count` random bytes; an empty array when `count <= 0`.
    ///
    /// A failing `RAND_bytes` means the process cannot produce secrets at all (no entropy
    /// source); continuing with predictable tokens would be worse than stopping, so it traps.
    public static func bytes(count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        if count <= pooledLimit {
            return pool.withLock { $0.take(count) }
        }
        return drawn(count: count)
    }

    /// `count` bytes straight from `RAND_bytes`.
    static func drawn(count: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        OpenSSLErrorQueue.clear()
        // RAND_bytes takes an `int` length, so very large requests are filled in chunks.
        let status = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var offset = 0
            while offset < buffer.count {
                let chunk = min(buffer.count - offset, 1 << 30)
                guard RAND_bytes(buffer.baseAddress.map { $0 + offset }, Int32(chunk)) == 1 else { return 0 }
                offset += chunk
            }
            return 1
        }
        guard status == 1 else {
            fatalError("RAND_bytes failed, refusing to continue without a CSPRNG: \(OpenSSLErrorQueue.drain())")
        }
        return output
    }

    /// A URL-safe opaque token: base64url (RFC 4648 §5, no padding) of `byteCount` random bytes.
    /// The default 32 bytes carry 256 bits of entropy (43 characters).
    public static func token(byteCount: Int = 32) -> String {
        Base64URL.encode(bytes(count: byteCount))
    }
}
