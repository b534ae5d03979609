import ArgumentParser
import GongMock

/// The request journal's flags (`GET /_mock/journal`, `/admin/flows`, `GET /_mock/verdicts`).
struct JournalOptionGroup: ParsableArguments {
    @Option(name: .customLong("journal"), help: "Also append every journal entry to FILE as JSONL (redacted, flushed per entry), e.g. a CI artifact.")
    var file: String?

    @Option(name: .customLong("journal-size"), help: "Journal entries kept in memory, oldest dropped first (GET /_mock/journal[?format=har], GET /_mock/verdicts, /admin/flows); 0 turns the journal, flows and verdicts off.")
    var size = 10_000

    @Option(name: .customLong("journal-bytes"), help: "Memory the journal may use in bytes (bodies are cut at 16 KiB each).")
    var bytes = 8 * 1024 * 1024

    func validate() throws {
        guard (0...10_000_000).contains(size) else { throw ValidationError("--journal-size must be 0 to 10000000 entries, got \(size)") }
        guard (64 * 1024...4 * 1024 * 1024 * 1024).contains(bytes) else {
            throw ValidationError("--journal-bytes must be 65536 to 4294967296, got \(bytes)")
        }
        if file != nil && size == 0 { throw ValidationError("--journal FILE needs the journal on (--journal-size above 0)") }
    }

    func apply(to options: inout GongMockOptions) {
        options.journal.entries = size
        options.journal.bytes = bytes
        options.journal.filePath = file
    }
}
