import Synchronization

/// Produces Gong-looking request ids (19 lower-case base-36 characters, e.g. `4al018gzaztcr8nbukw`):
/// a counter scrambled by SplitMix64, so ids never repeat within a process and a fixed seed
/// gives a reproducible sequence in tests.
final class RequestIDGenerator: Sendable {
    private let seed: UInt64
    private let counter = Mutex<UInt64>(0)

    private static let alphabet: [UInt8] = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

    init(seed: UInt64) { self.seed = seed }

    func next() -> String { String(decoding: nextUTF8(), as: UTF8.self) }

    /// The next id as ASCII bytes, for answers written straight to bytes.
    func nextUTF8() -> [UInt8] {
        let count = counter.withLock { value -> UInt64 in
            value &+= 1
            return value
        }
        var state = seed &+ count &* 0x9E37_79B9_7F4A_7C15
        var result: [UInt8] = []
        result.reserveCapacity(19)
        var word = RequestIDGenerator.mix(&state)
        for position in 0..<19 {
            if position == 12 { word = RequestIDGenerator.mix(&state) }
            result.append(RequestIDGenerator.alphabet[Int(word % 36)])
            word /= 36
        }
        return result
    }

    private static func mix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
