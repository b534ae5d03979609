import ArgumentParser
import Essentials
import HTTPServer

/// `gong-mock serve`: the options; `ServeRunner` does the work.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the mock server (the default command).",
        discussion: controlsHelp
    )

    @Option(help: "Address to listen on: 127.0.0.1, ::1, :: (all, IPv4 too), 0.0.0.0, localhost.")
    var host = "127.0.0.1"

    @Option(help: "TCP port; 0 picks a free one (see --ready-file).")
    var port = 7777

    @Option(name: .customLong("public-url"), help: "Base URL the mock advertises in its documents when behind a proxy or tunnel (e.g. https://mock.example.test).")
    var publicURL: String?

    @Flag(name: .customLong("trust-proxy"), help: "Believe a reverse proxy's X-Forwarded-Proto/Host/For (scheme for Secure cookies, Host for the /mcp Host check, client address in logs). Only behind a proxy you run; URLs still follow --public-url.")
    var trustProxy = false

    @Flag(help: "Serve HTTPS. Without --tls-cert/--tls-key a self-signed certificate for localhost, 127.0.0.1 and ::1 is generated at start.")
    var tls = false

    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain for --tls.")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key for --tls.")
    var tlsKey: String?

    @Option(name: .customLong("tls-cert-out"), help: "Where to write the generated certificate (PEM) for clients to trust; default: a new temporary directory.")
    var tlsCertificateOut: String?

    @Option(help: "Event-loop threads (default: one per core).")
    var threads: Int?

    @Option(name: .customLong("ready-file"), help: "Write a JSON object {baseURL, mcpURL, adminToken, pid, port} here, atomically, once the server accepts connections.")
    var readyFile: String?

    @Option(name: .customLong("log-format"), help: "text or json (one JSON object per line).")
    var logFormat = "text"

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning or error.")
    var logLevel = "info"

    @OptionGroup(title: "Gong emulation")
    var gong: GongOptionGroup

    @OptionGroup(title: "Journal, flows and client verdicts")
    var journal: JournalOptionGroup

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256, got \(threads)") }
        guard StandardErrorLogSink.Format(rawValue: logFormat) != nil else {
            throw ValidationError("--log-format must be text or json, got \"\(logFormat)\"")
        }
        guard LogLevel(name: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error; got \"\(logLevel)\"")
        }
        if (tlsCertificate == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if tlsCertificate != nil && !tls { throw ValidationError("--tls-cert/--tls-key need --tls") }
        if let publicURL, !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) || publicURL.count < 10 {
            throw ValidationError("--public-url must be an absolute http:// or https:// URL, got \"\(publicURL)\"")
        }
    }

    func run() throws {
        try ServeRunner(options: self).run()
    }
}
