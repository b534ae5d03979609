import COpenSSL

/// Comparison whose running time does not depend on where two equal-length values differ
/// (`CRYPTO_memcmp`), for checking secrets: client secrets, PKCE challenges, MACs.
/// Only the lengths can leak, which for fixed-size encodings reveals nothing.
public enum ConstantTime {
    public static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.isEmpty { return true }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }

    public static func equals(_ lhs: String, _ rhs: String) -> Bool {
        equals(Array(lhs.utf8), Array(rhs.utf8))
    }
}
