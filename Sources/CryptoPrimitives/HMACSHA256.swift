import COpenSSL

/// HMAC-SHA-256 (RFC 2104, test vectors in RFC 4231) through OpenSSL's one-shot `HMAC()`,
/// which needs no context object per call.
public enum HMACSHA256 {
    public static let macLength = 32

    public static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: macLength)
        var length: UInt32 = 0
        OpenSSLErrorQueue.clear()
        let result = key.withUnsafeBufferPointer { keyBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                output.withUnsafeMutableBufferPointer { out in
                    // A zero-length key is legal HMAC; OpenSSL wants a non-NULL pointer for it.
                    withUnsafePointer(to: UInt8(0)) { empty in
                        HMAC(OpenSSLDigest.sha256.pointer,
                             keyBuffer.baseAddress ?? empty, Int32(keyBuffer.count),
                             messageBuffer.baseAddress ?? empty, messageBuffer.count,
                             out.baseAddress, &length)
                    }
                }
            }
        }
        guard result != nil, length == UInt32(macLength) else {
            fatalError("HMAC(SHA-256) failed: \(OpenSSLErrorQueue.drain())")
        }
        return output
    }
}
