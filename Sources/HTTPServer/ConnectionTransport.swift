#if canImport(Glibc)
import Glibc
#endif

/// How a connection moves bytes: straight over the socket, or through an OpenSSL session on it.
enum ConnectionTransport {
    case plain
    case tls(TLSSession)

    enum ReadOutcome {
        case bytes(Int)
        case wouldBlock
        case endOfStream
        case failed(String)
    }

    enum WriteOutcome {
        case wrote(Int)
        case wouldBlock
        case failed(String)
    }

    var isSecure: Bool {
        if case .tls = self { return true }
        return false
    }

    func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> ReadOutcome {
        switch self {
        case .plain:
            do {
                switch try SystemCall.read(fd, buffer) {
                case .processed(0): return .endOfStream
                case .processed(let count): return .bytes(count)
                case .wouldBlock: return .wouldBlock
                }
            } catch {
                return .failed("\(error)")
            }
        case .tls(let session):
            switch session.read(into: buffer) {
            case .complete(0): return .endOfStream
            case .complete(let count): return .bytes(count)
            case .wantRead, .wantWrite: return .wouldBlock
            case .failed(let error): return .failed("\(error)")
            }
        }
    }

    func write(_ fd: Int32, _ output: OutputQueue) -> WriteOutcome {
        switch self {
        case .plain:
            return output.withPending { first, second in
                var vectors = (iovec(iov_base: UnsafeMutableRawPointer(mutating: first.baseAddress), iov_len: first.count),
                               iovec(iov_base: UnsafeMutableRawPointer(mutating: second?.baseAddress), iov_len: second?.count ?? 0))
                let count = second == nil ? 1 : 2
                do {
                    let result = try withUnsafeMutableBytes(of: &vectors) { (raw) throws(SystemCallError) -> IOResult<Int> in
                        guard let base = raw.baseAddress else { return .wouldBlock }
                        return try SystemCall.sendmsg(fd, base.assumingMemoryBound(to: iovec.self), count: count)
                    }
                    switch result {
                    case .processed(let written): return .wrote(written)
                    case .wouldBlock: return .wouldBlock
                    }
                } catch {
                    return .failed("\(error)")
                }
            }
        case .tls(let session):
            return output.withPending { first, _ in
                switch session.write(first) {
                case .complete(let written): return .wrote(written)
                case .wantRead, .wantWrite: return .wouldBlock
                case .failed(let error): return .failed("\(error)")
                }
            }
        }
    }
}
