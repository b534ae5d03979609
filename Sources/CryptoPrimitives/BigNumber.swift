import COpenSSL

/// Conversions between OpenSSL `BIGNUM`s and the big-endian byte strings JWK and JWS use.
enum BigNumber {
    /// Big-endian bytes of `number`: minimal when `length` is nil (RFC 7518 §6.3.1.1 wants no
    /// leading zeros for "n" and "e"), else left-padded to exactly `length`.
    static func bytes(_ number: OpaquePointer, length: Int?, operation: String) throws(CryptoError) -> [UInt8] {
        let minimal = Int((BN_num_bits(number) + 7) / 8)
        let size = length ?? max(minimal, 1)
        guard minimal <= size else { throw .invalid(operation, "value is \(minimal) bytes, expected at most \(size)") }
        var output = [UInt8](repeating: 0, count: size)
        let written = output.withUnsafeMutableBufferPointer { BN_bn2binpad(number, $0.baseAddress, Int32(size)) }
        guard written == Int32(size) else { throw .openSSL(operation) }
        return output
    }

    /// A new `BIGNUM` the caller must free (or hand to an owner), from big-endian bytes.
    static func make(_ bytes: [UInt8]) -> OpaquePointer? {
        bytes.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), nil) }
    }
}
