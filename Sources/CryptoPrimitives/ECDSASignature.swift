import COpenSSL

/// Converts ECDSA signatures between OpenSSL's DER `ECDSA-Sig-Value` (RFC 3279 §2.2.3) and the
/// fixed-width `R || S` form JWS uses (RFC 7518 §3.4).
enum ECDSASignature {
    static let coordinateLength = 32

    static func raw(fromDER der: [UInt8]) throws(CryptoError) -> [UInt8] {
        let operation = "converting an ECDSA signature"
        OpenSSLErrorQueue.clear()
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_ECDSA_SIG(nil, &cursor, buffer.count)
        }
        guard let signature = parsed else { throw .openSSL(operation) }
        defer { ECDSA_SIG_free(signature) }
        guard let r = ECDSA_SIG_get0_r(signature), let s = ECDSA_SIG_get0_s(signature) else { throw .openSSL(operation) }
        return try BigNumber.bytes(r, length: coordinateLength, operation: operation)
            + BigNumber.bytes(s, length: coordinateLength, operation: operation)
    }

    /// DER for a 64-byte `R || S`, or nil when the input has the wrong size.
    static func der(fromRaw raw: [UInt8]) -> [UInt8]? {
        guard raw.count == coordinateLength * 2 else { return nil }
        guard let signature = ECDSA_SIG_new() else { return nil }
        defer { ECDSA_SIG_free(signature) }
        guard let r = BigNumber.make(Array(raw.prefix(coordinateLength))) else { return nil }
        guard let s = BigNumber.make(Array(raw.suffix(coordinateLength))) else {
            BN_free(r)
            return nil
        }
        // set0 takes ownership of both numbers on success only.
        guard ECDSA_SIG_set0(signature, r, s) == 1 else {
            BN_free(r)
            BN_free(s)
            return nil
        }
        let length = i2d_ECDSA_SIG(signature, nil)
        guard length > 0 else { return nil }
        var output = [UInt8](repeating: 0, count: Int(length))
        let written = output.withUnsafeMutableBufferPointer { buffer in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return i2d_ECDSA_SIG(signature, &cursor)
        }
        return written == length ? output : nil
    }
}
