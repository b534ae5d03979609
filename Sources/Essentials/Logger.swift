#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Severity, ordered so that a configured level admits itself and everything more severe.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case trace, debug, info, notice, warning, error

    public init?(name: String) {
        switch name.lowercased() {
        case "trace": self = .trace
        case "debug": self = .debug
        case "info": self = .info
        case "notice": self = .notice
        case "warning", "warn": self = .warning
        case "error": self = .error
        default: return nil
        }
    }

    public var name: String {
        switch self {
        case .trace: return "trace"
        case .debug: return "debug"
        case .info: return "info"
        case .notice: return "notice"
        case .warning: return "warning"
        case .error: return "error"
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One structured log event. Field values are strings already redacted by whoever built them
/// (see `Redact`): the sink never sees a secret.
public struct LogRecord: Sendable {
    public let time: Double
    public let level: LogLevel
    public let category: String
    public let message: String
    public let fields: [(String, String)]

    public init(time: Double, level: LogLevel, category: String, message: String, fields: [(String, String)]) {
        self.time = time
        self.level = level
        self.category = category
        self.message = message
        self.fields = fields
    }
}

/// Where log records go. The default is `DiscardingLogSink`, so tests run silent.
public protocol LogSink: Sendable {
    var minimumLevel: LogLevel { get }
    func emit(_ record: LogRecord)
}

public struct DiscardingLogSink: LogSink {
    public init() {}
    public var minimumLevel: LogLevel { .error }
    public func emit(_ record: LogRecord) {}
}

/// Collects records in memory; tests and the journal read them back.
public final class MemoryLogSink: LogSink {
    public let minimumLevel: LogLevel
    private let storage = Mutex<[LogRecord]>([])

    public init(minimumLevel: LogLevel = .trace) { self.minimumLevel = minimumLevel }

    public func emit(_ record: LogRecord) { storage.withLock { $0.append(record) } }

    public var records: [LogRecord] { storage.withLock { $0 } }
}

/// Writes one line per record to standard error, as text or as JSON lines.
public final class StandardErrorLogSink: LogSink {
    public enum Format: String, Sendable { case text, json }

    public let minimumLevel: LogLevel
    private let format: Format
    private let lock = Mutex<Void>(())

    public init(minimumLevel: LogLevel, format: Format) {
        self.minimumLevel = minimumLevel
        self.format = format
    }

    public func emit(_ record: LogRecord) {
        var line = format == .json ? Self.jsonLine(record) : Self.textLine(record)
        line.append("\n")
        lock.withLock { _ in
            var bytes = Array(line.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // standard error is gone; a logger has nowhere else to say so
                }
                offset += written
            }
        }
    }

    /// `2026-11-25T16:35:57.765Z`: UTC with milliseconds.
    static func timestamp(_ time: Double) -> String {
        let seconds = UTCTimestamp.iso8601(time)
        let millis = Int((time - time.rounded(.down)) * 1000)
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return String(seconds.dropLast()) + "." + fraction + "Z"
    }

    static func textLine(_ record: LogRecord) -> String {
        var line = "\(timestamp(record.time)) \(record.level.name.uppercased()) [\(record.category)] \(record.message)"
        for (key, value) in record.fields {
            let needsQuotes = value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" })
            line += needsQuotes ? " \(key)=\"\(value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\\\""))\"" : " \(key)=\(value)"
        }
        return line
    }

    static func jsonLine(_ record: LogRecord) -> String {
        var object = JSONObject()
        object["time"] = .string(timestamp(record.time))
        object["level"] = .string(record.level.name)
        object["category"] = .string(record.category)
        object["message"] = .string(record.message)
        for (key, value) in record.fields { object[key] = .string(value) }
        return JSONSerializer.string(.object(object))
    }
}

/// A category-bound handle on a sink: `logger.info("token issued", ["client", id])`.
public struct Logger: Sendable {
    public let category: String
    public let sink: any LogSink
    public let clock: any ServerClock

    public init(category: String, sink: any LogSink = DiscardingLogSink(), clock: any ServerClock = SystemClock()) {
        self.category = category
        self.sink = sink
        self.clock = clock
    }

    public func scoped(_ category: String) -> Logger { Logger(category: category, sink: sink, clock: clock) }

    public func isEnabled(_ level: LogLevel) -> Bool { level >= sink.minimumLevel }

    public func log(_ level: LogLevel, _ message: @autoclosure () -> String, _ fields: @autoclosure () -> [(String, String)] = []) {
        guard isEnabled(level) else { return }
        sink.emit(LogRecord(time: clock.now(), level: level, category: category, message: message(), fields: fields()))
    }

    public func trace(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [(String, String)] = []) { log(.trace, message(), fields()) }
    public func debug(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [(String, String)] = []) { log(.debug, message(), fields()) }
    public func info(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [(String, String)] = []) { log(.info, message(), fields()) }
    public func notice(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [(String, String)] = []) { log(.notice, message(), fields()) }
    public func warning(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [(String, String)] = []) { log(.warning, message(), fields()) }
    public func error(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [(String, String)] = []) { log(.error, message(), fields()) }
}
