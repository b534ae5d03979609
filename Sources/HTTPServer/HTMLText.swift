/// HTML text escaping (HTML Living Standard §13.1.2.6; OWASP XSS prevention rules 1 and 2):
/// every string placed in a page — element content or a quoted attribute value — goes through
/// `escape`, so names and redirect URIs from registrations cannot inject markup.
public enum HTMLText {
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
