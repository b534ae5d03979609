import COpenSSL

/// Converts ECDSA signatures between OpenSSL's DER `ECDSA-Sig-Value` (RFC 3279 §2.2.3) and the
/// fixed-width `R || S` form JWS uses (RFC 7518 §3.4).
enum ECDSASignature {
    static let coordinateLength = 32

    /// The 64-byte `R || S` of a DER `ECDSA-Sig-Value` as OpenSSL writes it for P-256.
    static func raw(fromDER der: [UInt8]) throws(CryptoError) -> [UInt8] {
        if let raw = rawFromMinimalDER(der) { return raw }
        return try rawThroughOpenSSL(der)
    }

    /// Reads `SEQUENCE { INTEGER r, INTEGER s }` in the short-form DER a P-256 signature always
    /// has (at most 72 bytes), without OpenSSL's allocations: each INTEGER is positive, at most
    /// 33 bytes with its sign octet, and is left-padded to 32. Anything else returns nil and takes
    /// the OpenSSL path.
    static func rawFromMinimalDER(_ der: [UInt8]) -> [UInt8]? {
        guard der.count >= 8, der[0] == 0x30, der[1] < 0x80, Int(der[1]) == der.count - 2 else { return nil }
        var output = [UInt8](repeating: 0, count: coordinateLength * 2)
        var cursor = 2
        for slot in 0..<2 {
            guard cursor + 2 <= der.count, der[cursor] == 0x02 else { return nil }
            let length = Int(der[cursor + 1])
            cursor += 2
            guard length >= 1, length <= coordinateLength + 1, cursor + length <= der.count, der[cursor] & 0x80 == 0 else { return nil }
            var start = cursor
            var count = length
            while count > coordinateLength, der[start] == 0 {
                start += 1
                count -= 1
            }
            guard count <= coordinateLength else { return nil }
            let offset = slot * coordinateLength + (coordinateLength - count)
            for index in 0..<count { output[offset + index] = der[start + index] }
            cursor += length
        }
        return cursor == der.count ? output : nil
    }

    private static func rawThroughOpenSSL(_ der: [UInt8]) throws(CryptoError) -> [UInt8] {
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
