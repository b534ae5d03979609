import CryptoPrimitives
import OAuth

/// An access-token signing key generated before the application is built, so the key generation
/// (and OpenSSL's one-time set-up, the first thing to use it) runs on another thread while the
/// server parses its options and loads the company. The authorization server takes it only when
/// its store has no key for the configured algorithm, exactly where it would generate one.
public struct PreparedSigningKey: Sendable {
    let key: SigningKey

    /// A new key for `algorithm`, or nil when generation fails (the authorization server then
    /// tries again and reports the failure as a start-up error, as without preparation).
    public static func generate(_ algorithm: OAuthConfiguration.SigningAlgorithm) -> PreparedSigningKey? {
        let wanted: SigningKey.Algorithm = algorithm == .es256 ? .es256 : .rs256
        do {
            return PreparedSigningKey(key: try SigningKey.generate(wanted))
        } catch {
            return nil
        }
    }
}
