import Essentials
import FoundationEssentials

/// Reads and parses the fixture files of a directory (or of the copy compiled into the binary),
/// turning unreadable or malformed files into `FixtureProblem`s instead of errors.
enum CompanyFixtureFiles {
    static func read(directory: String) -> (documents: [String: JSONValue], problems: [FixtureProblem]) {
        guard isDirectory(directory) else { return ([:], [notADirectory(directory)]) }
        var documents: [String: JSONValue] = [:]
        var problems: [FixtureProblem] = []
        for file in CompanyFixtureDecoder.fileNames {
            switch readFile(file, in: directory) {
            case .problem(let problem):
                problems.append(problem)
            case .bytes(let bytes):
                let (value, problem) = parse(bytes, file: file)
                if let value { documents[file] = value }
                if let problem { problems.append(problem) }
            }
        }
        return (documents, problems)
    }

    /// The raw bytes of each fixture file in `directory` (file name, bytes), in
    /// `CompanyFixtureDecoder.fileNames` order; missing and unreadable files become problems.
    static func readBytes(directory: String) -> (files: [(name: String, bytes: [UInt8])], problems: [FixtureProblem]) {
        guard isDirectory(directory) else { return ([], [notADirectory(directory)]) }
        var files: [(name: String, bytes: [UInt8])] = []
        var problems: [FixtureProblem] = []
        for file in CompanyFixtureDecoder.fileNames {
            switch readFile(file, in: directory) {
            case .problem(let problem): problems.append(problem)
            case .bytes(let bytes): files.append((file, bytes))
            }
        }
        return (files, problems)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory
    }

    private static func notADirectory(_ path: String) -> FixtureProblem {
        FixtureProblem(file: path, path: "", message: "is not a readable directory")
    }

    private enum FileContents {
        case bytes([UInt8])
        case problem(FixtureProblem)
    }

    private static func readFile(_ file: String, in directory: String) -> FileContents {
        let path = directory.hasSuffix("/") ? directory + file : directory + "/" + file
        guard FileManager.default.fileExists(atPath: path) else {
            return .problem(FixtureProblem(file: file, path: "", message: "is missing (expected at \(path))"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .problem(FixtureProblem(file: file, path: "", message: "cannot be read (\(path))"))
        }
        return .bytes(Array(data))
    }

    /// Parses each file; a file that is not valid JSON becomes a problem (and no document).
    static func parse(_ files: [(name: String, bytes: [UInt8])]) -> (documents: [String: JSONValue], problems: [FixtureProblem]) {
        var documents: [String: JSONValue] = [:]
        var problems: [FixtureProblem] = []
        for (name, bytes) in files {
            let (value, problem) = parse(bytes, file: name)
            if let value { documents[name] = value }
            if let problem { problems.append(problem) }
        }
        return (documents, problems)
    }

    static func parse(_ bytes: [UInt8], file: String) -> (JSONValue?, FixtureProblem?) {
        do throws(JSONParseError) {
            return (try JSONParser.parse(bytes), nil)
        } catch {
            let line = bytes.prefix(error.offset).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            return (nil, FixtureProblem(file: file, path: "",
                                        message: "is not valid JSON: \(error.reason) at line \(line) (byte \(error.offset))"))
        }
    }

    /// The fixture compiled into the binary (see `BundledCompanyFixture`).
    static func bundled() -> (documents: [String: JSONValue], problems: [FixtureProblem]) {
        parse(bundledBytes())
    }

    /// The raw bytes of the fixture compiled into the binary.
    static func bundledBytes() -> [(name: String, bytes: [UInt8])] {
        BundledCompanyFixture.files.map { ($0.name, Array($0.json.utf8)) }
    }
}
