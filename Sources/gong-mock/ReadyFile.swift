#if canImport(Glibc)
import Glibc
#endif
import Essentials
import GongMock

/// The `--ready-file` JSON for CI scripts, written atomically (temporary file, fsync, rename)
/// so a reader never sees half a document.
enum ReadyFile {
    static func write(to path: String, application: GongMockApplication, port: Int) throws(FileWriteError) {
        var object = JSONObject()
        object["baseURL"] = .string(application.baseURL)
        object["mcpURL"] = .string(application.mcpURL)
        object["adminToken"] = .string(application.adminAuth.apiToken)
        object["adminLoginURL"] = .string(application.adminLoginURL)
        object["pid"] = .number(Double(getpid()))
        object["port"] = .number(Double(port))
        for (key, value) in BuildInfo.current.jsonFields { object[key] = value }
        try AtomicFile.write(JSONSerializer.string(.object(object)) + "\n", to: path, mode: 0o600)
    }
}

struct FileWriteError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "\(path): \(reason)" }
}

enum AtomicFile {
    static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws(FileWriteError) {
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileWriteError(path: path, reason: String(cString: strerror(errno))) }
        var bytes = Array(text.utf8)
        var offset = 0
        var failure: Int32 = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            offset += written
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw FileWriteError(path: path, reason: String(cString: strerror(failure)))
        }
    }
}

/// Where a generated certificate goes: the path asked for, or a fresh private temporary directory.
enum CertificateFile {
    static func write(_ pem: String, to requested: String?) throws(StartupFailure) -> String {
        let path: String
        if let requested {
            path = requested
        } else {
            var template = Array(((getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp") + "/gong-mock-XXXXXX").utf8CString)
            let directory: String? = template.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
                return String(cString: base)
            }
            guard let directory else {
                throw StartupFailure(message: "cannot create a temporary directory for the certificate: \(String(cString: strerror(errno)))")
            }
            path = directory + "/cert.pem"
        }
        do {
            try AtomicFile.write(pem, to: path)
        } catch {
            throw StartupFailure(message: "cannot write the certificate: \(error)")
        }
        return path
    }
}
