extension UnsafeMutablePointer where Pointee == UInt8 {
    /// Copies `bytes` here and returns the position just after them: for writers that size one
    /// buffer up front and fill it in order (a large answer then costs one copy, not one per
    /// layer that wraps it).
    @inline(__always)
    public func appending(_ bytes: [UInt8]) -> UnsafeMutablePointer<UInt8> {
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { update(from: base, count: source.count) }
        }
        return self + bytes.count
    }
}
