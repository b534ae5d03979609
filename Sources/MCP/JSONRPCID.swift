import Essentials

/// A JSON-RPC 2.0 request id (JSON-RPC 2.0 §4; MCP "Requests": a string or an integer, never null).
///
/// Kept as the kind the client sent so that a response echoes it byte for byte: `"7"` stays a
/// string and `7` stays a number.
public enum JSONRPCID: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case number(Int)

    /// Reads an id from a decoded value; nil when it is not a string or an integer that JSON
    /// numbers can carry exactly (±2^53).
    public init?(_ value: JSONValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .number:
            guard let integer = value.intValue else { return nil }
            self = .number(integer)
        default: return nil
        }
    }

    public var jsonValue: JSONValue {
        switch self {
        case .string(let text): return .string(text)
        case .number(let number): return .number(Double(number))
        }
    }

    /// Appends the id as JSON text.
    public func write(into output: inout [UInt8]) {
        switch self {
        case .string(let text): JSONSerializer.writeString(text, into: &output)
        case .number(let number): output.append(contentsOf: String(number).utf8)
        }
    }

    public var description: String {
        switch self {
        case .string(let text): return "\"\(text)\""
        case .number(let number): return String(number)
        }
    }
}
