import COpenSSL

/// SHA-256 (FIPS 180-4) through OpenSSL's one-shot `EVP_Digest`, with the digest fetched once.
public enum SHA256 {
    public static let digestLength = 32

    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { hash(UnsafeRawBufferPointer($0)) }
    }

    public static func hash(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    /// Lowercase hex of the SHA-256 digest of `bytes` (handy for cache keys and log fingerprints).
    public static func hex(_ bytes: [UInt8]) -> String {
        Hex.lowercase(hash(bytes))
    }

    static func hash(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: digestLength)
        var length: UInt32 = 0
        OpenSSLErrorQueue.clear()
        let status = output.withUnsafeMutableBufferPointer { out in
            EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, OpenSSLDigest.sha256.pointer, nil)
        }
        // EVP_Digest with a fetched SHA-256 only fails on allocation failure.
        guard status == 1, length == UInt32(digestLength) else {
            fatalError("EVP_Digest(SHA-256) failed: \(OpenSSLErrorQueue.drain())")
        }
        return output
    }
}
