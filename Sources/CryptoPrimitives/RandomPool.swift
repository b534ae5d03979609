/// The buffer behind `SecureRandom`'s small requests: refilled from `RAND_bytes` when it runs
/// short, each byte handed out once and wiped from the buffer as it leaves.
struct RandomPool {
    static let capacity = 4096
    private var buffer: [UInt8] = []
    private var next = 0

    mutating func take(_ count: Int) -> [UInt8] {
        if buffer.count - next < count {
            buffer = SecureRandom.drawn(count: Self.capacity)
            next = 0
        }
        let start = next
        next += count
        return buffer.withUnsafeMutableBufferPointer { all in
            let slice = UnsafeMutableBufferPointer(rebasing: all[start..<(start + count)])
            let taken = Array(slice)
            slice.update(repeating: 0)
            return taken
        }
    }
}
