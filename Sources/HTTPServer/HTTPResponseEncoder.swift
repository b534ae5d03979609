/// Writes response heads with automatic framing (RFC 9112 §6, as NIO's `HTTPEncoder`): the
/// server, not the handler, decides `Content-Length`, `Transfer-Encoding`, `Connection` and
/// `Date`, so a handler cannot frame a response wrongly.
enum HTTPResponseEncoder {
    enum Framing: Equatable {
        /// `Content-Length: n` (also sent for HEAD, describing the GET body).
        case length(Int)
        /// `Transfer-Encoding: chunked` (streams on HTTP/1.1).
        case chunked
        /// Body ends when the connection closes (streams on HTTP/1.0).
        case closeDelimited
        /// No body and no length: 1xx, 204, 304.
        case none
    }

    /// Header fields the encoder owns; a handler's own copies are dropped.
    @inline(__always)
    static func isFramingField(_ name: String) -> Bool {
        HTTPHeaders.equalsIgnoringCase(name, "Content-Length")
            || HTTPHeaders.equalsIgnoringCase(name, "Transfer-Encoding")
            || HTTPHeaders.equalsIgnoringCase(name, "Connection")
            || HTTPHeaders.equalsIgnoringCase(name, "Date")
    }

    static func writeHead(
        into out: inout [UInt8],
        status: HTTPStatus,
        headers: HTTPHeaders,
        framing: Framing,
        keepAlive: Bool,
        requestVersion: HTTPVersion,
        date: [UInt8]
    ) {
        appendStatic(&out, "HTTP/1.1 ")
        let code = max(100, min(999, status.code))
        out.append(UInt8(0x30 + code / 100))
        out.append(UInt8(0x30 + code / 10 % 10))
        out.append(UInt8(0x30 + code % 10))
        out.append(0x20)
        appendSanitised(&out, status.reasonPhrase)
        appendStatic(&out, "\r\n")
        for field in headers.fields where !isFramingField(field.name) {
            appendSanitised(&out, field.name)
            appendStatic(&out, ": ")
            appendSanitised(&out, field.value)
            appendStatic(&out, "\r\n")
        }
        appendStatic(&out, "Date: ")
        out.append(contentsOf: date)
        appendStatic(&out, "\r\n")
        switch framing {
        case .length(let length):
            appendStatic(&out, "Content-Length: ")
            appendDecimal(&out, length)
            appendStatic(&out, "\r\n")
        case .chunked:
            appendStatic(&out, "Transfer-Encoding: chunked\r\n")
        case .closeDelimited, .none:
            break
        }
        if !keepAlive {
            appendStatic(&out, "Connection: close\r\n")
        } else if requestVersion == .http1_0 {
            appendStatic(&out, "Connection: keep-alive\r\n")
        }
        appendStatic(&out, "\r\n")
    }

    /// `100 Continue` interim response (RFC 9110 §15.2.1).
    static func writeContinue(into out: inout [UInt8]) {
        appendStatic(&out, "HTTP/1.1 100 Continue\r\n\r\n")
    }

    /// One chunk of a chunked body: hex size, CRLF, data, CRLF (RFC 9112 §7.1).
    static func writeChunk(into out: inout [UInt8], _ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        appendHex(&out, bytes.count)
        appendStatic(&out, "\r\n")
        out.append(contentsOf: bytes)
        appendStatic(&out, "\r\n")
    }

    static func writeLastChunk(into out: inout [UInt8]) {
        appendStatic(&out, "0\r\n\r\n")
    }

    @inline(__always)
    static func appendStatic(_ out: inout [UInt8], _ text: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends text, replacing CR, LF and NUL with spaces so a handler's value can never split
    /// the head (response splitting).
    @inline(__always)
    static func appendSanitised(_ out: inout [UInt8], _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var clean = true
            for byte in bytes where byte == 0x0D || byte == 0x0A || byte == 0x00 { clean = false; break }
            if clean {
                out.append(contentsOf: bytes)
            } else {
                for byte in bytes { out.append(byte == 0x0D || byte == 0x0A || byte == 0x00 ? 0x20 : byte) }
            }
        }
    }

    static func appendDecimal(_ out: inout [UInt8], _ value: Int) {
        if value < 10 {
            out.append(UInt8(0x30 + value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &digits) { raw in
            while remaining > 0 && count < 20 {
                raw[19 - count] = UInt8(0x30 + remaining % 10)
                remaining /= 10
                count += 1
            }
            out.append(contentsOf: raw[(20 - count)...])
        }
    }

    static func appendHex(_ out: inout [UInt8], _ value: Int) {
        let digits: StaticString = "0123456789abcdef"
        var shift = (Int.bitWidth - value.leadingZeroBitCount + 3) / 4 * 4 - 4
        if shift < 0 { shift = 0 }
        while shift >= 0 {
            out.append(digits.utf8Start[(value >> shift) & 0xF])
            shift -= 4
        }
    }
}
