#if canImport(Glibc)
import Glibc
#endif
import CShims

/// The outcome of a non-blocking call: done (with its value) or "try again when ready".
enum IOResult<Value> {
    case processed(Value)
    case wouldBlock
}

/// Every system call the server makes goes through here (the shape of NIO's `System.swift`):
/// errno is read immediately after the call, `EINTR` is retried, `EAGAIN` becomes
/// `.wouldBlock`, anything else a `SystemCallError` naming the operation.
enum SystemCall {
    @inline(__always)
    static func call<Value: FixedWidthInteger>(_ operation: StaticString, _ body: () -> Value) throws(SystemCallError) -> IOResult<Value> {
        while true {
            let result = body()
            if result != -1 { return .processed(result) }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            throw SystemCallError(operation: "\(operation)", code: code)
        }
    }

    /// For calls that never legitimately block (socket, bind, epoll_ctl…).
    @inline(__always)
    @discardableResult
    static func blocking<Value: FixedWidthInteger>(_ operation: StaticString, _ body: () -> Value) throws(SystemCallError) -> Value {
        switch try call(operation, body) {
        case .processed(let value): return value
        case .wouldBlock: throw SystemCallError(operation: "\(operation)", code: EAGAIN)
        }
    }

    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> IOResult<Int> {
        try call("read") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    /// writev with `MSG_NOSIGNAL`: a peer that went away must not raise SIGPIPE.
    static func sendmsg(_ fd: Int32, _ iovecs: UnsafeMutablePointer<iovec>, count: Int) throws(SystemCallError) -> IOResult<Int> {
        var header = msghdr()
        header.msg_iov = iovecs
        header.msg_iovlen = count
        return try call("sendmsg") { Glibc.sendmsg(fd, &header, Int32(MSG_NOSIGNAL)) }
    }

    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemCallError) -> IOResult<Int> {
        try call("send") { Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    static func accept(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr_storage>) throws(SystemCallError) -> IOResult<Int32> {
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        return try call("accept4") {
            address.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                CShims_accept4(fd, pointer, &length, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
            }
        }
    }

    /// close never retries: on Linux the descriptor is gone even when EINTR is reported.
    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    static func shutdownWrite(_ fd: Int32) {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32, _ operation: StaticString) throws(SystemCallError) {
        var value = value
        try blocking(operation) { setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) }
    }

    /// Monotonic nanoseconds, for timers and deadlines.
    @inline(__always)
    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}

extension Duration {
    /// Whole nanoseconds, clamped at zero.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}
