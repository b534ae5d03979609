import CryptoPrimitives
import Essentials
import Synchronization

/// The order in which access tokens were issued, exactly, whatever the clock says: each token's
/// `jti` (RFC 7519 §4.1.7, an opaque unique identifier) is 16 bytes in base64url, the first 8 an
/// issuance number that only grows, the last 8 random. A test control can then ask "was this
/// token issued before that moment?" (`mark`) with no ambiguity inside one second of `iat`, and
/// a frozen virtual clock does not blur it either.
///
/// The numbers start at the real time in microseconds when the process starts and count up by
/// one per token, so tokens a previous run issued (kept in a persistent store) are lower than any
/// of this run. Clients see the same 22-character `jti` as before; nothing else changes.
public final class AccessTokenIssuance: Sendable {
    private let last: Atomic<UInt64>

    public init(startingAfter start: UInt64 = UInt64(max(0, SystemClock().now() * 1_000_000))) {
        last = Atomic(start)
    }

    /// The number the next token gets at the least: a token issued before this call reads lower.
    public var mark: UInt64 { last.load(ordering: .sequentiallyConsistent) &+ 1 }

    /// A fresh `jti` carrying the next issuance number.
    func nextTokenID() -> String {
        let number = last.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
        let random = SecureRandom.bytes(count: 8)
        let bytes = [UInt8](unsafeUninitializedCapacity: 16) { buffer, count in
            for index in 0..<8 {
                buffer[index] = UInt8(truncatingIfNeeded: number >> (56 - 8 * index))
                buffer[8 + index] = random[index]
            }
            count = 16
        }
        return Base64URL.encode(bytes)
    }

    /// Whether the token with this `jti` was issued before `mark` was read. A `jti` this server
    /// never issued (an earlier version's random one, which reads as a number above any issued
    /// yet) counts as issued before: it predates this run.
    public func issued(tokenID: String, before mark: UInt64) -> Bool {
        guard let number = Self.number(ofTokenID: tokenID), number < self.mark else { return true }
        return number < mark
    }

    /// The issuance number in a `jti` of this form; nil for any other form.
    static func number(ofTokenID tokenID: String) -> UInt64? {
        guard tokenID.utf8.count == 22, let bytes = Base64URL.decode(tokenID), bytes.count == 16 else { return nil }
        return bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
