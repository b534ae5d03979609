/// Bytes waiting to be written on one connection, in order. Small writes (heads, small bodies,
/// SSE chunks) are copied into one reusable buffer; large bodies are queued as their own
/// segment and go out with the head in one `writev`, without a copy.
struct OutputQueue {
    /// Bodies at least this large are queued by reference instead of copied.
    static let copyThreshold = 32 * 1024
    /// A buffer grown beyond this is released instead of kept for reuse.
    static let retainedCapacity = 256 * 1024

    private(set) var segments: [[UInt8]] = []
    /// The tail segment being appended to (reused between responses).
    var tail: [UInt8] = []
    /// Bytes of the first pending segment already written.
    private(set) var offset = 0
    private(set) var pendingBytes = 0

    var isEmpty: Bool { pendingBytes == 0 }

    mutating func withTail(_ body: (inout [UInt8]) -> Void) {
        let before = tail.count
        body(&tail)
        pendingBytes += tail.count - before
    }

    mutating func append(body bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if bytes.count < Self.copyThreshold {
            tail.append(contentsOf: bytes)
        } else {
            if !tail.isEmpty {
                segments.append(tail)
                tail = []
            }
            segments.append(bytes)
        }
        pendingBytes += bytes.count
    }

    /// Calls `body` with up to two pending byte ranges, in order.
    func withPending<Result>(_ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer?) -> Result) -> Result {
        if segments.isEmpty {
            return tail.withUnsafeBytes { raw in body(UnsafeRawBufferPointer(rebasing: raw[offset...]), nil) }
        }
        let first = segments[0]
        let second = segments.count > 1 ? segments[1] : tail
        return first.withUnsafeBytes { rawFirst in
            second.withUnsafeBytes { rawSecond in
                body(UnsafeRawBufferPointer(rebasing: rawFirst[offset...]), rawSecond.isEmpty ? nil : rawSecond)
            }
        }
    }

    /// Marks `count` bytes written.
    mutating func consume(_ count: Int) {
        var left = count
        pendingBytes -= count
        while left > 0 {
            if segments.isEmpty {
                offset += left
                left = 0
            } else {
                let available = segments[0].count - offset
                if left >= available {
                    left -= available
                    segments.removeFirst()
                    offset = 0
                } else {
                    offset += left
                    left = 0
                }
            }
        }
        // Drop empty leading segments (a tail moved aside while empty).
        while let first = segments.first, first.count == offset {
            segments.removeFirst()
            offset = 0
        }
        if pendingBytes == 0 { reset() }
    }

    mutating func reset() {
        segments.removeAll(keepingCapacity: true)
        if tail.capacity > Self.retainedCapacity { tail = [] } else { tail.removeAll(keepingCapacity: true) }
        offset = 0
        pendingBytes = 0
    }
}
