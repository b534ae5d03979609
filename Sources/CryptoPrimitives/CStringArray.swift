/// Hands a Swift string array to C as `const char *const *`, valid for the closure's duration.
enum CStringArray {
    static func with<Result>(_ strings: [String],
                             _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result) -> Result {
        // strdup-style copies owned here, so every pointer stays valid for the whole call.
        let copies: [UnsafeMutablePointer<CChar>] = strings.map { string in
            let utf8 = Array(string.utf8CString)
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
            copy.initialize(from: utf8, count: utf8.count)
            return copy
        }
        defer { copies.forEach { $0.deallocate() } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
