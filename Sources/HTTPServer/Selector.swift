#if canImport(Glibc)
import Glibc
#endif
import CShims

/// One epoll instance plus the eventfd that wakes it (NIO's `SelectorEpoll.swift`, reduced to
/// what an HTTP server needs). Owned by exactly one event loop thread; only `wake()` is called
/// from other threads.
final class Selector: @unchecked Sendable {
    static let readable = EPOLLIN.rawValue
    static let writable = EPOLLOUT.rawValue
    static let readHangup = EPOLLRDHUP.rawValue
    static let hangup = EPOLLHUP.rawValue
    static let error = EPOLLERR.rawValue
    static let edgeTriggered = EPOLLET.rawValue
    static let exclusive = EPOLLEXCLUSIVE.rawValue

    /// The user data tag of the wake-up eventfd.
    static let wakeTag: UInt64 = .max

    let epollFD: Int32
    let wakeFD: Int32
    private let events: UnsafeMutablePointer<epoll_event>
    let capacity = 256

    init() throws(SystemCallError) {
        epollFD = try SystemCall.blocking("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        do {
            wakeFD = try SystemCall.blocking("eventfd") { eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK)) }
        } catch {
            SystemCall.close(epollFD)
            throw error
        }
        events = .allocate(capacity: capacity)
        do {
            try add(wakeFD, events: Self.readable | Self.edgeTriggered, tag: Self.wakeTag)
        } catch {
            close()
            throw error
        }
    }

    deinit { events.deallocate() }

    func add(_ fd: Int32, events mask: UInt32, tag: UInt64) throws(SystemCallError) {
        var event = epoll_event()
        event.events = mask
        event.data.u64 = tag
        try SystemCall.blocking("epoll_ctl(ADD)") { epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) }
    }

    /// Best effort: a descriptor already closed is already gone from the set.
    func remove(_ fd: Int32) {
        var event = epoll_event()
        do {
            _ = try SystemCall.call("epoll_ctl(DEL)") { epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, &event) }
        } catch {
            // ENOENT/EBADF: not registered any more; nothing to undo.
        }
    }

    /// Waits for readiness; `timeout` in milliseconds, -1 for none. Returns the ready count.
    func wait(timeout: Int32) throws(SystemCallError) -> Int {
        switch try SystemCall.call("epoll_wait", { epoll_wait(epollFD, events, Int32(capacity), timeout) }) {
        case .processed(let count): return Int(count)
        case .wouldBlock: return 0
        }
    }

    @inline(__always)
    func event(at index: Int) -> (tag: UInt64, mask: UInt32) {
        (events[index].data.u64, events[index].events)
    }

    /// Wakes the loop from another thread.
    /// Wakes the loop from another thread. EAGAIN (counter saturated) means a wake-up is
    /// already pending, which is all we want.
    func wake() {
        var one: UInt64 = 1
        do {
            _ = try SystemCall.call("eventfd write") { withUnsafeBytes(of: &one) { Glibc.write(wakeFD, $0.baseAddress, 8) } }
        } catch {
            // Only EBADF is possible, after the loop closed its selector: nobody to wake.
        }
    }

    /// Clears the eventfd counter after a wake-up (EAGAIN: already clear).
    func drainWake() {
        var value: UInt64 = 0
        do {
            _ = try SystemCall.call("eventfd read") { withUnsafeMutableBytes(of: &value) { Glibc.read(wakeFD, $0.baseAddress, 8) } }
        } catch {
            // Cannot fail on an open eventfd with an 8-byte buffer.
        }
    }

    func close() {
        SystemCall.close(wakeFD)
        SystemCall.close(epollFD)
    }
}
