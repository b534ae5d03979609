import Essentials

/// Redacts the string values of secret-named members in JSON text without parsing it into a
/// tree: it walks the tokens, so formatting survives and a body cut at the journal's size limit
/// (no longer valid JSON) is still redacted up to where it ends.
enum JSONSecretScanner {
    static func redact(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var pendingKey: String?     // the last string read, until we know whether it is a key
        var redactNextString = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let end = stringEnd(bytes, from: index)
                let contentEnd = min(end, bytes.count)
                if redactNextString {
                    let raw = Array(bytes[(index + 1)..<max(index + 1, contentEnd - 1)])
                    let value = String(decoding: raw, as: UTF8.self)
                    output.append(UInt8(ascii: "\""))
                    output.append(contentsOf: Array(Redact.prefixed(value).utf8))
                    output.append(UInt8(ascii: "\""))
                    redactNextString = false
                    pendingKey = nil
                } else {
                    output.append(contentsOf: bytes[index..<contentEnd])
                    pendingKey = String(decoding: bytes[(index + 1)..<max(index + 1, contentEnd - 1)], as: UTF8.self)
                }
                index = contentEnd
                continue
            }
            switch byte {
            case UInt8(ascii: ":"):
                redactNextString = pendingKey.map(JournalRedaction.isSecretName) ?? false
                pendingKey = nil
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                break
            default:
                // A non-string value follows the key (a number, an object…): nothing to redact.
                redactNextString = false
                pendingKey = nil
            }
            output.append(byte)
            index += 1
        }
        return output
    }

    /// The index just past the closing quote of the string starting at `start` (or the end).
    private static func stringEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return bytes.count
    }
}
