import Essentials
import Foundation

/// Reads and parses the fixture files of a directory (or of the copy compiled into the binary),
/// turning unreadable or malformed files into `FixtureProblem`s instead of errors.
enum CompanyFixtureFiles {
    static func read(directory: String) -> (documents: [String: JSONValue], problems: [FixtureProblem]) {
        var documents: [String: JSONValue] = [:]
        var problems: [FixtureProblem] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return ([:], [FixtureProblem(file: directory, path: "", message: "is not a readable directory")])
        }
        for file in CompanyFixtureDecoder.fileNames {
            let path = directory.hasSuffix("/") ? directory + file : directory + "/" + file
            guard FileManager.default.fileExists(atPath: path) else {
                problems.append(FixtureProblem(file: file, path: "", message: "is missing (expected at \(path))"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(FixtureProblem(file: file, path: "", message: "cannot be read (\(path))"))
                continue
            }
            let (value, problem) = parse(Array(data), file: file)
            if let value { documents[file] = value }
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
        var documents: [String: JSONValue] = [:]
        var problems: [FixtureProblem] = []
        for (name, json) in BundledCompanyFixture.files {
            let (value, problem) = parse(Array(json.utf8), file: name)
            if let value { documents[name] = value }
            if let problem { problems.append(problem) }
        }
        return (documents, problems)
    }
}
