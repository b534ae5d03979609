/// Generates integration ids, client ids and secrets from the system CSPRNG
/// (`SystemRandomNumberGenerator`: getrandom(2) on Linux), so this file needs neither Foundation
/// nor OpenSSL.
public enum CredentialGenerator {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// `count` characters from [A-Za-z0-9], unbiased (rejection sampling).
    public static func randomString(count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let value = UInt8.random(in: 0...UInt8.max, using: &generator)
            if value < 248 { bytes.append(alphabet[Int(value) % alphabet.count]) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A Gong-style numeric id (Gong's entity ids are 18-19 digit numbers).
    public static func integrationId() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(UInt64.random(in: 1_000_000_000_000_000_000...9_999_999_999_999_999_999, using: &generator))
    }

    /// 24 characters: ~143 bits.
    public static func clientId() -> String { randomString(count: 24) }

    /// 48 characters: ~286 bits.
    public static func clientSecret() -> String { randomString(count: 48) }

    /// A session, login or CSRF token: 43 characters (~256 bits).
    public static func token() -> String { randomString(count: 43) }

    /// Whether a fixed credential from the seed file is acceptable: printable ASCII without spaces
    /// (it travels in HTTP Basic auth and form bodies), 8 to 256 characters.
    public static func isAcceptableFixedCredential(_ value: String) -> Bool {
        (8...256).contains(value.utf8.count) && value.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
    }
}
