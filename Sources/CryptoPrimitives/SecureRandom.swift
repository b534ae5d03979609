import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG (`RAND_bytes`), for tokens,
/// authorization codes, client secrets and certificate serial numbers.
public enum SecureRandom {
    /// `count` random bytes; an empty array when `count <= 0`.
    ///
    /// A failing `RAND_bytes` means the process cannot produce secrets at all (no entropy
    /// source); continuing with predictable tokens would be worse than stopping, so it traps.
    public static func bytes(count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
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
