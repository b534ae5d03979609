/// HTML output helpers. Everything that did not come from this source file goes through
/// `escape` before it reaches a page (OWASP XSS prevention rule #1 and #2: element content and
/// quoted attribute values).
public enum HTML {
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
