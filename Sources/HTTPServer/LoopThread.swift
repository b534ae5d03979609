#if canImport(Glibc)
import Glibc
#endif
import CShims

/// Starts a named POSIX thread running `body`. Event loops are long-lived threads of their own,
/// not tasks on a shared pool: a handler that runs long stalls only its own loop.
enum LoopThread {
    private final class Box {
        let name: String
        let body: () -> Void
        init(_ name: String, _ body: @escaping () -> Void) {
            self.name = name
            self.body = body
        }
    }

    static func start(name: String, _ body: @escaping @Sendable () -> Void) throws(SystemCallError) {
        var thread = pthread_t()
        let box = Unmanaged.passRetained(Box(name, body)).toOpaque()
        let status = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            let box = Unmanaged<Box>.fromOpaque(argument).takeRetainedValue()
            CShims_set_current_thread_name(box.name)
            box.body()
            return nil
        }, box)
        guard status == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            throw SystemCallError(operation: "pthread_create", code: status)
        }
        pthread_detach(thread)
    }

    static var current: UInt { UInt(pthread_self()) }
}
