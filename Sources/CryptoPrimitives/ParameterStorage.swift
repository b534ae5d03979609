import COpenSSL

/// Memory that must outlive an `OSSL_PARAM_BLD` until `OSSL_PARAM_BLD_to_param`: C strings,
/// byte buffers and `BIGNUM`s, all released together by `release()`.
struct ParameterStorage {
    private var allocations: [UnsafeMutableRawPointer] = []
    private var numbers: [OpaquePointer] = []

    mutating func cString(_ text: String) -> UnsafePointer<CChar> {
        let utf8 = Array(text.utf8CString)
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
        copy.initialize(from: utf8, count: utf8.count)
        allocations.append(UnsafeMutableRawPointer(copy))
        return UnsafePointer(copy)
    }

    mutating func bytes(_ value: [UInt8]) -> UnsafeRawPointer {
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(value.count, 1))
        copy.initialize(from: value, count: value.count)
        allocations.append(UnsafeMutableRawPointer(copy))
        return UnsafeRawPointer(copy)
    }

    mutating func bigNumber(_ value: [UInt8]) -> OpaquePointer? {
        guard let number = BigNumber.make(value) else { return nil }
        numbers.append(number)
        return number
    }

    mutating func release() {
        allocations.forEach { $0.deallocate() }
        numbers.forEach { BN_free($0) }
        allocations = []
        numbers = []
    }
}
