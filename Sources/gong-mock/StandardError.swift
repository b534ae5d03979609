#if canImport(Glibc)
import Glibc
#endif

/// Writes one line to standard error, unbuffered (the banner and fatal messages).
func printError(_ line: String) {
    var text = line
    if !text.hasSuffix("\n") { text += "\n" }
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(2, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written <= 0 { break }
            offset += written
        }
    }
}
