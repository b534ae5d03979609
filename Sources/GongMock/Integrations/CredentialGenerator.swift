import Essentials

/// Generates integration ids, client ids and secrets from a `RandomSource`: the system CSPRNG
/// (getrandom(2) on Linux) by default, a seeded sequence with `--random-seed` for reproducible runs.
public enum CredentialGenerator {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// `count` characters from [A-Za-z0-9], unbiased (rejection sampling).
    public static func randomString(count: Int, using source: RandomSource = .system) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            var word = source.next()
            for _ in 0..<8 where bytes.count < count {
                let value = UInt8(truncatingIfNeeded: word)
                word >>= 8
                if value < 248 { bytes.append(alphabet[Int(value) % alphabet.count]) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A Gong-style numeric id (Gong's entity ids are 18-19 digit numbers).
    public static func integrationId(using source: RandomSource = .system) -> String {
        String(source.next(in: 1_000_000_000_000_000_000...9_999_999_999_999_999_999))
    }

    /// 24 characters: ~143 bits.
    public static func clientId(using source: RandomSource = .system) -> String { randomString(count: 24, using: source) }

    /// 48 characters: ~286 bits.
    public static func clientSecret(using source: RandomSource = .system) -> String { randomString(count: 48, using: source) }

    /// A session, login or CSRF token: 43 characters (~256 bits).
    public static func token(using source: RandomSource = .system) -> String { randomString(count: 43, using: source) }

    /// Whether a fixed credential from the seed file is acceptable: printable ASCII without spaces
    /// (it travels in HTTP Basic auth and form bodies), 8 to 256 characters.
    public static func isAcceptableFixedCredential(_ value: String) -> Bool {
        (8...256).contains(value.utf8.count) && value.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
    }
}
