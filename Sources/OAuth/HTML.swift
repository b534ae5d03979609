import HTTPServer

/// HTML text escaping (HTML Living Standard §13.1.2.6): every string placed in a page goes
/// through `escape`, including attribute values, so client names and redirect URIs from
/// registrations cannot inject markup.
enum HTML {
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// A complete page with the shared style; `body` must already be escaped markup.
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>\(escape(title))</title>
        <style>
        body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
        h1{font-size:1.4rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}
        dd{margin:0;word-break:break-all}.error{background:#fde8e8;border:1px solid #e0a0a0;padding:.7rem;border-radius:6px}
        .note{color:#6b6b6b;font-size:.9rem}fieldset{border:1px solid #ccc;border-radius:6px;margin:1rem 0}
        button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem}select,input{font-size:1rem;padding:.3rem;min-width:18rem;max-width:100%;box-sizing:border-box}
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>
        """
    }
}
