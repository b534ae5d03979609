import HTTPServer

/// HTML output helpers. Everything that did not come from this source file goes through
/// `escape` before it reaches a page (OWASP XSS prevention rule #1 and #2: element content and
/// quoted attribute values).
public enum HTML {
    public static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
